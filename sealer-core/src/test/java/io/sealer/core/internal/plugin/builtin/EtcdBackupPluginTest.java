package io.sealer.core.internal.plugin.builtin;

import static io.sealer.api.plugin.FakePluginContext.exit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealer.api.PluginException;
import io.sealer.api.cluster.PluginSpec;
import io.sealer.api.plugin.FakePluginContext;
import io.sealer.api.plugin.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcdBackupPluginTest {
    private static final String SNAPSHOT = "/tmp/sealer-etcd-snapshot-id-1.db";
    private static final String SAVE = "ETCDCTL_API=3 etcdctl --endpoints=https://127.0.0.1:2379"
            + " --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt"
            + " --key=/etc/kubernetes/pki/etcd/healthcheck-client.key snapshot save " + SNAPSHOT;

    @TempDir
    Path dir;

    private static FakePluginContext context(PluginSpec spec) {
        return new FakePluginContext(spec, List.of("10.0.0.3"), "10.0.0.2");
    }

    private static EtcdBackupPlugin plugin() {
        return new EtcdBackupPlugin(() -> "id-1");
    }

    @Test
    void savesOnMaster0DownloadsToThePathInDataAndRemovesTheTemporaryFile() throws Exception {
        Path local = dir.resolve("backups/etcd.db");
        FakePluginContext context = context(FakePluginContext.spec("backup", "ETCD", "path: " + local + "\n"));

        plugin().run(context, Phase.POST_INSTALL);

        assertThat(context.calls).extracting(Object::toString).containsExactly(
                "10.0.0.2: command -v etcdctl", "10.0.0.2: " + SAVE, "10.0.0.2: rm -f " + SNAPSHOT);
        assertThat(context.downloads).containsExactly(new FakePluginContext.Download("10.0.0.2", SNAPSHOT, local));
        assertThat(Files.readString(local)).isEqualTo("snapshot of " + SNAPSHOT);
    }

    @Test
    void theWholeDataMayBeThePath() {
        Path local = dir.resolve("etcd.db");
        FakePluginContext context = context(FakePluginContext.spec("backup", "ETCD", "# where\n  " + local + "  \n"));

        plugin().run(context, Phase.POST_INSTALL);

        assertThat(context.downloads).extracting(FakePluginContext.Download::local).containsExactly(local);
    }

    @Test
    void sealersPathInOnStillWorksWithAWarning() {
        Path local = dir.resolve("from-on.db");
        FakePluginContext context = context(new PluginSpec("backup", "ETCD", List.of("PostInstall"), local.toString(),
                ""));

        plugin().run(context, Phase.POST_INSTALL);

        assertThat(context.downloads).extracting(FakePluginContext.Download::local).containsExactly(local);
        assertThat(context.logs).anyMatch(l -> l.startsWith("WARNING") && l.contains("from 'on' as sealer did"));
    }

    @Test
    void aMissingEtcdctlIsSaidSo() {
        FakePluginContext context = context(FakePluginContext.spec("backup", "ETCD", "/backup/etcd.db"))
                .reply("command -v etcdctl", exit(1));

        assertThatThrownBy(() -> plugin().run(context, Phase.POST_INSTALL))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("backup: ETCD: etcdctl is not installed on master0 10.0.0.2 (not found on its"
                        + " PATH)");
        assertThat(context.calls).hasSize(1);
    }

    @Test
    void aFailedSnapshotIsAnErrorAndTheTemporaryFileIsStillRemoved() {
        FakePluginContext context = context(FakePluginContext.spec("backup", "ETCD", dir.resolve("x.db").toString()))
                .reply(SAVE, exit(1, "Error: context deadline exceeded"));

        assertThatThrownBy(() -> plugin().run(context, Phase.POST_INSTALL))
                .hasMessageContaining("backup: ETCD: etcdctl snapshot save on 10.0.0.2 failed with exit status 1")
                .hasMessageContaining("context deadline exceeded");
        assertThat(context.calls).last().hasToString("10.0.0.2: rm -f " + SNAPSHOT);
        assertThat(context.downloads).isEmpty();
    }

    @Test
    void dataMustNameOnePath() {
        assertThatThrownBy(() -> plugin().run(context(FakePluginContext.spec("backup", "ETCD", "")),
                Phase.POST_INSTALL)).hasMessage("backup: ETCD data: empty; expected the local file for the snapshot,"
                        + " as 'path: /backup/etcd.db' or just the path");
        assertThatThrownBy(() -> plugin().run(context(FakePluginContext.spec("backup", "ETCD", "/a.db\n/b.db")),
                Phase.POST_INSTALL)).hasMessage("backup: ETCD data line 2 '/b.db': expected one path, or"
                        + " 'path: <file>'");
        assertThatThrownBy(() -> plugin().run(context(FakePluginContext.spec("backup", "ETCD", "path: /a\ndir: /b")),
                Phase.POST_INSTALL)).hasMessage("backup: ETCD data line 2 'dir: /b': unknown key 'dir'; expected one"
                        + " of [path]");
    }
}
