package io.sealer.core.internal.io;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Stream views that leave the caller's stream open. */
public final class Streams {
    private Streams() {
    }

    /** A view of {@code out} whose {@code close()} only flushes: wrapping streams cannot close the caller's stream. */
    public static OutputStream nonClosing(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }

    /** A view of {@code in} whose {@code close()} does nothing: the caller owns the stream. */
    public static InputStream nonClosing(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
                // the caller owns the stream
            }
        };
    }
}
