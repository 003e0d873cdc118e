package io.sealer.it.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.it.support.HostBedExtension;
import io.sealer.it.support.Processes;
import io.sealer.it.support.StubLog;
import io.sealer.it.support.TestHost;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code sealer apply} through the launcher on a real terminal ({@code script} gives it a pseudo-terminal, so the
 * CLI sees a console): the live view of the hosts is drawn and redrawn in place, fits the terminal's width, and its
 * last frame shows every host done; the cluster is installed.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LiveViewIntegrationTest extends FixtureTest {
    private static final Path LAUNCHER = Path.of("../sealer-examples/bin/sealer").toAbsolutePath().normalize();
    private static final int COLUMNS = 72;
    private static final Pattern ANSI = Pattern.compile("\033\\[[0-9]*[A-Za-z]");
    /** Back to the first line of the view: what follows is a new frame. */
    private static final Pattern REDRAW = Pattern.compile("\033\\[[0-9]+A\r");

    @RegisterExtension
    static final HostBedExtension BED = HostBedExtension.withHosts(2);

    @Override
    HostBedExtension bed() {
        return BED;
    }

    @Test
    void theHostsAreDrawnLiveOnATerminalAndEndDone() {
        TestHost master = BED.host(0);
        TestHost node = BED.host(1);
        Path clusterfile = fixture.write(fixture.clusterfile("live").masters(List.of(master)).nodes(List.of(node)));
        String command = String.join(" ", "bash", LAUNCHER.toString(), "--root", fixture.store.toString(), "apply",
                "-f", clusterfile.toString(), "--known-hosts", BED.knownHostsFile().toString(), "--step-timeout",
                "2m");
        ProcessBuilder builder = new ProcessBuilder("script", "-qefc", command, "/dev/null");
        Map<String, String> env = builder.environment();
        env.put("SEALER_NO_REBUILD", "1");
        env.put("COLUMNS", String.valueOf(COLUMNS));
        env.put("LINES", "20");
        env.put("TERM", "xterm");

        Processes.Result result = Processes.run(builder);
        String screen = result.stdoutText();

        assertThat(result.exitCode()).as(screen).isZero();
        assertThat(screen).as("the view is redrawn in place").containsPattern("\033\\[[0-9]+A").contains("\033[2K");
        Matcher redraw = REDRAW.matcher(screen);
        int lastFrame = 0;
        while (redraw.find()) {
            lastFrame = redraw.end();
        }
        List<String> hostLines = screen.substring(lastFrame).lines().map(l -> ANSI.matcher(l).replaceAll(""))
                .filter(l -> l.startsWith("[")).toList();
        assertThat(hostLines).anySatisfy(l -> assertThat(l).startsWith("[" + master.address()).contains("] done ("));
        assertThat(hostLines).anySatisfy(l -> assertThat(l).startsWith("[" + node.address()).contains("] done ("));
        assertThat(screen.lines().map(l -> ANSI.matcher(l.replace("\r", "")).replaceAll("")))
                .filteredOn(l -> l.startsWith("[")).allSatisfy(l -> assertThat(l).hasSizeLessThanOrEqualTo(COLUMNS));
        assertThat(StubLog.commands(master)).anyMatch(c -> c.contains("kubeadm init"));
        assertThat(StubLog.commands(node)).anyMatch(c -> c.contains("kubeadm join"));
    }
}
