package io.sealer.core.internal.discovery;

import com.marcnuri.helm.jni.NativeLibrary;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.sealer.api.BuildException;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The native Helm library helm-java renders charts with (Go, loaded into this JVM), and what it costs the JVM.
 * <ul>
 *   <li>It is packaged per platform, chosen when the project is built; without the one for this machine, helm-java
 *       would try to download it from Maven Central, which an air-gapped build host cannot reach. So the library is
 *       checked first, and a chart fails with an error that names the platform.</li>
 *   <li>The Go runtime (or Helm in it) takes SIGINT, SIGTERM and SIGHUP over: the JVM would then ignore Ctrl-C and
 *       never run its shutdown hooks. The process's handlers are saved before the first call and put back after
 *       every call.</li>
 * </ul>
 */
final class NativeHelm {
    private static final Logger LOG = LoggerFactory.getLogger(NativeHelm.class);
    /** Taken when this class is initialised, which is before the first Helm call loads the Go runtime. */
    private static final SavedHandlers JVM_SIGNAL_HANDLERS = new SavedHandlers();

    private NativeHelm() {
    }

    /**
     * Runs a Helm call for the chart {@code name}, after checking that this machine has the native library, and puts
     * the JVM's signal handlers back afterwards.
     *
     * @throws BuildException naming the chart and this platform when there is no native Helm library for it
     */
    static <T> T call(String name, Supplier<T> helmCall) {
        requireLibrary(name, platform());
        try {
            return helmCall.get();
        } finally {
            restoreJvmSignalHandlers();
        }
    }

    /**
     * Fails for the chart {@code name} unless there is a native Helm library for {@code platform}.
     *
     * @throws BuildException naming the chart and the platform, and what to do
     */
    static void requireLibrary(String name, String platform) {
        if (!hasLibraryFor(platform)) {
            throw new BuildException(name, 0, "charts cannot be rendered on this machine (" + platform
                    + "): this build of sealer-java has no native Helm library for it (helm-java ships linux/amd64, "
                    + "darwin/amd64, darwin/arm64 and windows/amd64); build the CLI or your application on this "
                    + "platform, or build on one of those", null);
        }
    }

    /** {@code os/arch} of this JVM, as helm-java names its libraries ({@code linux/amd64}, {@code darwin/arm64}). */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osName = os.startsWith("mac") || os.startsWith("darwin") ? "darwin"
                : os.startsWith("windows") ? "windows" : os.startsWith("linux") ? "linux" : os;
        String archName = switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
        return osName + "/" + archName;
    }

    /** True when a native library registered for helm-java (one per platform artifact) is this platform's. */
    static boolean hasLibraryFor(String platform) {
        String wanted = platform.replace("/", "");
        for (NativeLibrary library : ServiceLoader.load(NativeLibrary.class, NativeHelm.class.getClassLoader())) {
            String name = library.getClass().getName().toLowerCase(Locale.ROOT).replace(".", "");
            if (name.contains(wanted)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Puts back the native handlers (the JVM's, which run the shutdown hooks) of the signals Go takes over, as they
     * were before the library was first loaded.
     */
    static void restoreJvmSignalHandlers() {
        JVM_SIGNAL_HANDLERS.restore();
    }

    /**
     * The process's native {@code sigaction} of SIGHUP, SIGINT and SIGTERM, saved before the Go runtime starts (this
     * class is initialised before the first Helm call), as opaque buffers: {@code struct sigaction} differs between C
     * libraries, and it need not be understood to be put back.
     */
    private static final class SavedHandlers {
        private static final int[] NUMBERS = {1, 2, 15};
        private static final int STRUCT_BYTES = 512;

        private final CLibrary libc;
        private final Memory[] saved = new Memory[NUMBERS.length];

        SavedHandlers() {
            CLibrary loaded;
            try {
                loaded = Native.load("c", CLibrary.class);
            } catch (UnsatisfiedLinkError e) {
                LOG.debug("no C library to save signal handlers with; Ctrl-C may be ignored after a chart render", e);
                loaded = null;
            }
            libc = loaded;
            for (int i = 0; libc != null && i < NUMBERS.length; i++) {
                Memory buffer = new Memory(STRUCT_BYTES);
                buffer.clear();
                if (libc.sigaction(NUMBERS[i], null, buffer) == 0) {
                    saved[i] = buffer;
                }
            }
        }

        void restore() {
            for (int i = 0; libc != null && i < NUMBERS.length; i++) {
                if (saved[i] != null && libc.sigaction(NUMBERS[i], saved[i], null) != 0) {
                    LOG.debug("could not restore the handler of signal {}", NUMBERS[i]);
                }
            }
        }
    }

    /** The one C function needed. */
    interface CLibrary extends Library {
        int sigaction(int signal, Pointer action, Pointer oldAction);
    }
}
