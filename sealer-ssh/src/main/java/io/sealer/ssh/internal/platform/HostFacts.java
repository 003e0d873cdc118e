package io.sealer.ssh.internal.platform;

import io.sealer.api.HostException;
import io.sealer.ssh.internal.exec.RemoteShell;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one probe of a host finds (one exec, cached per session): {@code uname -s}, {@code uname -m}, for ARM the
 * {@code /proc/cpuinfo} fields that give the CPU variant, and whether {@code tar} is there.
 *
 * @param kernel {@code uname -s}
 * @param machine {@code uname -m}
 * @param cpuInfo the first value of each {@code /proc/cpuinfo} field read, by lower-case name ({@code cpu
 *     architecture}, {@code model name}); empty on other machines
 * @param tar whether the host has {@code tar} (else trees go over SFTP)
 */
public record HostFacts(String kernel, String machine, Map<String, String> cpuInfo, boolean tar) {
    /** The probe, for any POSIX shell. */
    public static final String SCRIPT = """
            echo "kernel=$(uname -s)"
            m=$(uname -m)
            echo "machine=$m"
            command -v tar >/dev/null 2>&1 && echo "tar=yes"
            case "$m" in
              arm*|aarch64*) grep -i -E '^(cpu architecture|model name)[[:space:]]*:' /proc/cpuinfo 2>/dev/null \\
                | head -n 8 | sed 's/^/cpuinfo=/' ;;
            esac
            exit 0
            """;

    public HostFacts {
        cpuInfo = Map.copyOf(cpuInfo);
    }

    /** Probes the host of {@code shell}. */
    public static HostFacts probe(RemoteShell shell, Duration timeout) {
        RemoteShell.Captured result = shell.run(SCRIPT, false, new byte[0], timeout);
        if (!result.succeeded()) {
            throw new HostException(shell.host(), "cannot find out the host's platform: " + result.reason(), null);
        }
        HostFacts facts = parse(result.stdout());
        if (facts.kernel.isEmpty() || facts.machine.isEmpty()) {
            throw new HostException(shell.host(), "cannot find out the host's platform: uname printed nothing", null);
        }
        return facts;
    }

    /** The facts in the probe's output. */
    public static HostFacts parse(String output) {
        String kernel = "";
        String machine = "";
        boolean tar = false;
        Map<String, String> cpuInfo = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            String text = line.strip();
            if (text.startsWith("kernel=")) {
                kernel = text.substring("kernel=".length()).strip();
            } else if (text.startsWith("machine=")) {
                machine = text.substring("machine=".length()).strip();
            } else if (text.equals("tar=yes")) {
                tar = true;
            } else if (text.startsWith("cpuinfo=")) {
                String field = text.substring("cpuinfo=".length());
                int colon = field.indexOf(':');
                if (colon > 0) {
                    cpuInfo.putIfAbsent(field.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            field.substring(colon + 1).strip());
                }
            }
        }
        return new HostFacts(kernel, machine, cpuInfo, tar);
    }
}
