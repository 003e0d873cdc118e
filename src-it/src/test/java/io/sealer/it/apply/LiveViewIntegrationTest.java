package io.sealer.it.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.it.support.HostBedExtension;
import io.sealer.it.support.Processes;
import io.sealer.it.support.StubLog;
import io.sealer.it.support.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * last frame shows every host done; the cluster is installed. Then {@code sealer delete -a} asks on that terminal, and
 * the answer typed there deletes the cluster.
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
    void theHostsAreDrawnLiveOnATerminalAndEndDoneAndDeleteAsksThere() throws IOException {
        TestHost master = BED.host(0);
        TestHost node = BED.host(1);
        Path clusterfile = fixture.write(fixture.clusterfile("live").masters(List.of(master)).nodes(List.of(node)));
        Processes.Result result = onATerminal(List.of("apply", "-f", clusterfile.toString()), Path.of("/dev/null"));
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

        // on a terminal, delete asks first, and a "y" typed there goes ahead
        Path yes = fixture.dir.resolve("yes.txt");
        Files.writeString(yes, "y\n");
        Processes.Result delete = onATerminal(List.of("delete", "-a"), yes);
        assertThat(delete.exitCode()).as(delete.stdoutText()).isZero();
        assertThat(delete.stdoutText()).contains("This deletes cluster live: its hosts " + master.address());
        assertThat(StubLog.commands(master)).anyMatch(c -> c.contains("kubeadm reset"));
    }

    /** Runs the launcher with {@code args} on a pseudo-terminal ({@code script}), typing {@code input} there. */
    private Processes.Result onATerminal(List<String> args, Path input) {
        List<String> words = new ArrayList<>(List.of("bash", LAUNCHER.toString(), "--root", fixture.store.toString()));
        words.addAll(args);
        words.addAll(List.of("--known-hosts", BED.knownHostsFile().toString(), "--step-timeout", "2m"));
        ProcessBuilder builder = new ProcessBuilder("script", "-qefc", String.join(" ", words), "/dev/null");
        Map<String, String> env = builder.environment();
        env.put("SEALER_NO_REBUILD", "1");
        env.put("COLUMNS", String.valueOf(COLUMNS));
        env.put("LINES", "20");
        env.put("TERM", "xterm");
        return Processes.run(builder, input);
    }
}
