package io.sealer.registry.internal.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Content in an image source: a file, a tar entry or bytes made in memory; opened as often as needed. */
interface BlobFile {
    /** Size in bytes. */
    long size() throws IOException;

    /** A new stream over the content; the caller closes it. */
    InputStream open() throws IOException;

    /** Where it lives, for messages: a file or {@code tarball!entry}. */
    String location();

    /** A file on disk. */
    static BlobFile of(Path file) {
        return new BlobFile() {
            @Override
            public long size() throws IOException {
                return Files.size(file);
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public String location() {
                return file.toString();
            }
        };
    }

    /** Bytes made in memory (a manifest written for a {@code docker save} image). */
    static BlobFile of(byte[] content, String location) {
        return new BlobFile() {
            @Override
            public long size() {
                return content.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(content);
            }

            @Override
            public String location() {
                return location;
            }
        };
    }

    /** Reads at most {@code max} bytes; the result is longer than {@code max} when the content is. */
    default byte[] readAtMost(int max) throws IOException {
        try (InputStream in = open()) {
            return in.readNBytes(max + 1);
        }
    }
}
