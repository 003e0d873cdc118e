package io.sealer.api.spi;

import java.nio.file.Path;
import java.util.Collection;

/**
 * Told by a writer filling a layer directory which files it will leave there and when each of them is final, so that
 * the layer can be hashed while it is still being written. Paths are relative to the layer directory. A listener
 * only speeds things up: whoever hashes the layer checks the finished directory against what it was told and hashes
 * it again when the two differ, so a writer that says nothing, or too little, is slower but never wrong.
 *
 * <p>Methods may be called from any thread. {@link #completed} may hold its caller back for a while, so that the
 * hashing keeps pace with the writer; a writer calls it with no lock held that the rest of its work needs.
 */
public interface LayerWriteListener {
    /** A listener that ignores everything. */
    LayerWriteListener NONE = new LayerWriteListener() {
        @Override
        public void planned(Collection<Path> files) {
        }

        @Override
        public void completed(Path file) {
        }
    };

    /**
     * Every regular file the write will leave in the layer directory, once, as soon as the writer knows them
     * (directories are those files' parents). Files may complete before this is called.
     */
    void planned(Collection<Path> files);

    /** {@code file} has its final content under its final name and will be neither changed nor replaced. */
    void completed(Path file);
}
