package io.sealer.ssh.internal.exec;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * An output stream that hands each complete line (UTF-8, without its {@code \n} or {@code \r\n}) to a consumer; a
 * line longer than {@value #MAX_LINE} bytes is handed over in pieces, and {@link #close()} hands over an unterminated
 * last line. Thread-safe.
 */
public final class LineSplitter extends OutputStream {
    static final int MAX_LINE = 64 * 1024;

    private final Consumer<String> lines;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream(256);
    private boolean closed;

    public LineSplitter(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit();
        } else {
            current.write(b);
            if (current.size() >= MAX_LINE) {
                emit();
            }
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                current.write(bytes, start, i - start);
                emit();
                start = i + 1;
            } else if (current.size() + (i - start) >= MAX_LINE) {
                current.write(bytes, start, i - start);
                emit();
                start = i;
            }
        }
        current.write(bytes, start, end - start);
    }

    /** Hands over the unterminated last line, if any; later writes are ignored. */
    @Override
    public synchronized void close() {
        if (!closed) {
            if (current.size() > 0) {
                emit();
            }
            closed = true;
        }
    }

    private void emit() {
        if (closed) {
            current.reset();
            return;
        }
        String line = current.toString(StandardCharsets.UTF_8);
        current.reset();
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        lines.accept(line);
    }
}
