package io.sealer.ssh.internal.transfer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * An output stream that hands what is written to another thread, which writes it to the target: the writer (reading
 * files, writing tar, hashing) and the channel (encrypting, sending) then run on two cores at once, as
 * {@code tar | ssh} does. Bounded: at most {@code chunks} chunks are in flight. A failure of the target is thrown, as
 * the same exception, from the next write, flush or close.
 */
final class PipelinedOutput extends OutputStream {
    private static final byte[] END = new byte[0];

    private final OutputStream target;
    private final BlockingQueue<byte[]> queue;
    private final Thread sender;
    private final int chunkSize;
    private volatile IOException failure;
    private byte[] chunk;
    private int used;
    private boolean closed;
    private boolean reported;

    /**
     * @param target where the bytes go, written by the sending thread only
     * @param chunkSize bytes handed over at a time
     * @param chunks bound on chunks waiting to be sent
     * @param name the sending thread's name
     */
    PipelinedOutput(OutputStream target, int chunkSize, int chunks, String name) {
        this.target = target;
        this.chunkSize = chunkSize;
        this.queue = new ArrayBlockingQueue<>(chunks);
        this.chunk = new byte[chunkSize];
        this.sender = new Thread(this::send, name);
        sender.setDaemon(true);
        sender.start();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int from = offset;
        int left = length;
        while (left > 0) {
            int n = Math.min(left, chunkSize - used);
            System.arraycopy(bytes, from, chunk, used, n);
            used += n;
            from += n;
            left -= n;
            if (used == chunkSize) {
                hand(chunk);
                chunk = new byte[chunkSize];
                used = 0;
            }
        }
    }

    /** Hands over what is buffered; does not wait until it is sent. */
    @Override
    public void flush() throws IOException {
        if (used > 0) {
            hand(Arrays.copyOf(chunk, used));
            used = 0;
        }
    }

    /** Sends the rest, waits until everything reached the target (flushed), and stops the sending thread. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (failure != null && reported) {
            queue.clear();
            queue.offer(END);
            return;
        }
        flush();
        hand(END);
        try {
            sender.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the last bytes were sent");
        }
        rethrow();
    }

    private void hand(byte[] bytes) throws IOException {
        rethrow();
        try {
            queue.put(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending");
        }
    }

    /** Throws the target's failure, once (a try-with-resources must not get it again from close). */
    private void rethrow() throws IOException {
        IOException failed = failure;
        if (failed != null && !reported) {
            reported = true;
            throw failed;
        }
    }

    private void send() {
        try {
            for (byte[] bytes = queue.take(); bytes != END; bytes = queue.take()) {
                if (failure == null) {
                    try {
                        target.write(bytes);
                    } catch (IOException e) {
                        failure = e;
                    }
                }
            }
            if (failure == null) {
                target.flush();
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            failure = new InterruptedIOException("the sending thread was interrupted");
        }
    }
}
