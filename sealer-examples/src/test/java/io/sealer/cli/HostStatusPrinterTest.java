package io.sealer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.api.event.OperationKind;
import io.sealer.api.event.Progress;
import io.sealer.api.event.ProgressEvent;
import io.sealer.api.event.Subject;
import io.sealer.api.image.ImageReference;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The apply's progress from a scripted sequence of typed events, as the engine reports them. */
class HostStatusPrinterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T09:08:07Z"), ZoneOffset.UTC);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private static Progress step(Progress host, String address, String id) {
        return host.start(OperationKind.STEP, Subject.host(address).withPhase(id.substring(0, id.indexOf('/')))
                .withStep(id + "@" + address), "running " + id);
    }

    /** Two hosts; the second fails its join, with output lines and a warning on the way. */
    private static void script(HostStatusPrinter printer) {
        Progress apply = Progress.to(printer).start(OperationKind.APPLY, Subject.NONE, "applying cluster demo");
        Progress master = apply.start(OperationKind.HOST, Subject.host("10.0.0.2"), "10.0.0.2");
        Progress node = apply.start(OperationKind.HOST, Subject.host("10.0.0.3"), "10.0.0.3");
        Progress send = step(master, "10.0.0.2", "distribute/rootfs");
        send.progressed(50, 100);
        send.finished("done");
        Progress init = step(master, "10.0.0.2", "init-master0/kubeadm-init");
        init.log(ProgressEvent.Stream.STDOUT, "[init] Using Kubernetes version: v1.19.8");
        init.warning("", "swap is on");
        init.finished("took 42s");
        master.finished("done");
        Progress pull = apply.start(OperationKind.PULL, Subject.image(ImageReference.parse("nginx:1")), "pulling x:1");
        pull.finished("pulled");
        Progress join = step(node, "10.0.0.3", "join-nodes/kubeadm-join");
        join.log(ProgressEvent.Stream.STDERR, "error: connection refused");
        join.failed("exit status 1\nlast lines...");
        node.failed("step join-nodes/kubeadm-join failed");
        apply.failed("step join-nodes/kubeadm-join failed");
    }

    @Test
    void plainLinesSayWhenEachStepStartsAndEndsOnWhichHost() {
        try (HostStatusPrinter printer = HostStatusPrinter.plain(err, false, CLOCK)) {
            script(printer);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "09:08:07 applying cluster demo",
                "09:08:07 [10.0.0.2] distribute/rootfs: started",
                "09:08:07 [10.0.0.2] distribute/rootfs: done",
                "09:08:07 [10.0.0.2] init-master0/kubeadm-init: started",
                "warning: [10.0.0.2] swap is on",
                "09:08:07 [10.0.0.2] init-master0/kubeadm-init: done (took 42s)",
                "09:08:07 [10.0.0.2] done (2 steps)",
                "pulling x:1",
                "-> pulled",
                "09:08:07 [10.0.0.3] join-nodes/kubeadm-join: started",
                "09:08:07 [10.0.0.3] join-nodes/kubeadm-join: FAILED: exit status 1",
                "09:08:07 [10.0.0.3] FAILED: step join-nodes/kubeadm-join failed");
    }

    @Test
    void withDebugTheHostsOutputLinesAreShownToo() {
        try (HostStatusPrinter printer = HostStatusPrinter.plain(err, true, CLOCK)) {
            script(printer);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
                .contains("09:08:07 [10.0.0.2] | [init] Using Kubernetes version: v1.19.8",
                        "09:08:07 [10.0.0.3] | error: connection refused")
                .hasSize(14);
    }

    @Test
    void theLiveViewHasALinePerHostWithItsCurrentStep() {
        HostStatusPrinter printer = HostStatusPrinter.live(err, false, 10, 200,
                List.of("10.0.0.2", "10.0.0.3", "10.0.0.14"));
        try (printer) {
            Progress apply = Progress.to(printer).start(OperationKind.APPLY, Subject.NONE, "applying cluster demo");
            Progress master = apply.start(OperationKind.HOST, Subject.host("10.0.0.2"), "");
            Progress node = apply.start(OperationKind.HOST, Subject.host("10.0.0.3"), "");
            step(master, "10.0.0.2", "distribute/rootfs").finished("done");
            Progress init = step(master, "10.0.0.2", "init-master0/kubeadm-init");
            init.log(ProgressEvent.Stream.STDOUT, "[init] Using Kubernetes version: v1.19.8");
            step(node, "10.0.0.3", "distribute/rootfs").progressed(1, 4);
            List<String> view = printer.render(Instant.now().plusSeconds(75), 10, 200);
            assertThat(view).hasSize(3);
            assertThat(view.get(0)).startsWith("[10.0.0.2]  init-master0/kubeadm-init  1m1").endsWith(
                    "s  | [init] Using Kubernetes version: v1.19.8");
            assertThat(view.get(1)).startsWith("[10.0.0.3]  distribute/rootfs  1m1").endsWith("s  25%");
            assertThat(view.get(2)).isEqualTo("[10.0.0.14] waiting");
            assertThat(printer.render(Instant.now(), 10, 30)).allSatisfy(l -> assertThat(l.length()).isLessThan(30));
            init.finished("done");
            master.finished("done");
            assertThat(printer.render(Instant.now(), 10, 200).get(0)).isEqualTo("[10.0.0.2]  done (2 steps)");
        }
        String screen = bytes.toString(StandardCharsets.UTF_8);
        assertThat(screen).startsWith("applying cluster demo\n").contains("\033[2K[10.0.0.2]  done (2 steps)\n")
                .contains("\033[3A");
    }

    @Test
    void aStepInsideAPlanStepIsShownWhileItRunsAndNeitherCountedNorAFailureWhenItSucceeds() {
        HostStatusPrinter printer = HostStatusPrinter.live(err, false, 10, 200, List.of("10.0.0.2"));
        try (printer) {
            Progress apply = Progress.to(printer).start(OperationKind.APPLY, Subject.NONE, "applying cluster demo");
            Progress master = apply.start(OperationKind.HOST, Subject.host("10.0.0.2"), "");
            Progress send = step(master, "10.0.0.2", "distribute/rootfs");
            // the transfer of one directory, as a step below the plan's step
            Progress transfer = send.start(OperationKind.STEP, Subject.host("10.0.0.2"),
                    "send /var/lib/sealer/data/demo/rootfs/registry");
            assertThat(printer.render(Instant.now(), 10, 200).get(0))
                    .startsWith("[10.0.0.2] send /var/lib/sealer/data/demo/rootfs/registry");
            transfer.finished("done");
            assertThat(printer.render(Instant.now(), 10, 200).get(0)).startsWith("[10.0.0.2] distribute/rootfs");
            send.finished("done");
            master.finished("done");
            assertThat(printer.render(Instant.now(), 10, 200)).containsExactly("[10.0.0.2] done (1 step)");

            Progress again = step(master, "10.0.0.2", "distribute/rootfs");
            again.start(OperationKind.STEP, Subject.host("10.0.0.2"), "send rootfs").failed("connection reset");
            assertThat(printer.render(Instant.now(), 10, 200).get(0)).isEqualTo("[10.0.0.2] FAILED at send rootfs");
        }
    }

    @Test
    void moreHostsThanLinesGiveASummaryAndTheFailedAndBusyHostsThatFit() {
        List<String> addresses = IntStream.rangeClosed(1, 50).mapToObj(i -> "10.0.1." + i).toList();
        try (HostStatusPrinter printer = HostStatusPrinter.live(err, false, 6, 100, addresses)) {
            Progress apply = Progress.to(printer).start(OperationKind.APPLY, Subject.NONE, "applying");
            for (int i = 1; i <= 10; i++) {
                Progress host = apply.start(OperationKind.HOST, Subject.host("10.0.1." + i), "");
                Progress send = step(host, "10.0.1." + i, "distribute/rootfs");
                if (i <= 3) {
                    send.finished("done");
                    host.finished("done");
                }
                if (i == 4) {
                    send.failed("disk full");
                }
                if (i == 5) {
                    send.finished("done"); // between steps: shown after the hosts running one
                }
            }
            List<String> view = printer.render(Instant.now(), 6, 100);
            assertThat(view).hasSize(5);
            assertThat(view.get(0)).isEqualTo("50 hosts: 3 done, 6 running, 40 waiting, 1 failed");
            assertThat(view.get(1)).startsWith("[10.0.1.4]").contains("FAILED at distribute/rootfs");
            assertThat(view.subList(2, 5)).allSatisfy(l -> assertThat(l).contains("distribute/rootfs  0s"));
            assertThat(view.get(2)).startsWith("[10.0.1.6] ");
            assertThat(view).noneMatch(l -> l.startsWith("[10.0.1.5] "));
        }
    }

    @Test
    void elapsedTimeIsShort() {
        assertThat(HostStatusPrinter.elapsed(Duration.ofSeconds(9))).isEqualTo("9s");
        assertThat(HostStatusPrinter.elapsed(Duration.ofSeconds(65))).isEqualTo("1m05s");
        assertThat(HostStatusPrinter.elapsed(Duration.ofMinutes(62))).isEqualTo("1h02m");
    }
}
