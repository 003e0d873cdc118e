package io.sealer.it.support;

import io.sealer.api.build.BuildRequest;
import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.Platform;
import io.sealer.core.SealerClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The test cluster image of the apply tests, built with the SDK from {@code src/test/resources/apply/}: sealer's
 * base-image layout where {@code bin/kubeadm}, {@code kubectl}, {@code kubelet}, {@code seautil} and
 * {@code scripts/init.sh}, {@code init-registry.sh}, {@code clean.sh} are stubs. Each stub appends its call to
 * {@value #LOG} on the host it runs on (read it with {@link StubLog}) and prints what the real one prints:
 * {@code kubeadm init} its full output with the two join commands ({@link #TOKEN}, {@link #CA_HASH},
 * {@link #CERT_KEY}), {@code kubeadm token create --print-join-command} a worker join command with
 * {@link #FRESH_TOKEN}, {@code kubeadm init phase upload-certs --upload-certs} {@link #UPLOAD_CERT_KEY}. Its CMD is
 * {@code kubectl apply -f manifests/cni.yaml}.
 *
 * <p>{@link #buildApp} builds the application image variant: {@code manifests/app.yaml} and
 * {@code CMD kubectl apply -f manifests/app.yaml}, without {@code bin/kubeadm} or {@code scripts/init.sh} (which is
 * how the engine tells an application image from a cluster image).
 *
 * <p>Neither image refers to a container image, so building them needs no registry.
 */
public final class StubClusterImage {
    /** The cluster image's name. */
    public static final String IMAGE = "it/stub-kubernetes:v1.19.8";
    /** The application image's name. */
    public static final String APP_IMAGE = "it/stub-app:1";
    /** Where every stub records its calls, on each host (outside any cluster's directory). */
    public static final String LOG = "/var/lib/sealer/stub.log";
    /**
     * When this file exists on a host, the stub {@code kubeadm} fails there the subcommands the file lists, one per
     * line ({@code init}, {@code join}); an empty file fails {@code join}.
     */
    public static final String FAIL_MARKER = "/var/lib/sealer/fail-kubeadm";
    /** The bootstrap token {@code kubeadm init} prints. */
    public static final String TOKEN = "abcdef.0123456789abcdef";
    /** The token {@code kubeadm token create --print-join-command} prints. */
    public static final String FRESH_TOKEN = "9x3kqm.7d2f0b6c1e4a8h5j";
    /** The CA certificate hash of every join command. */
    public static final String CA_HASH = "sha256:dfe4da80d48f9aa969c4d861302117d1a27b8b45e13743de3112048dc8dd2102";
    /** The certificate key {@code kubeadm init --upload-certs} prints. */
    public static final String CERT_KEY = "05d8740d1362344bff9dd2e92b0b8278a575461dbbc22e02ffb9ad37e5f85760";
    /** The certificate key {@code kubeadm init phase upload-certs --upload-certs} prints. */
    public static final String UPLOAD_CERT_KEY = "5ba637ab09636c8e09dc1e8fb55e27875545391e6cb82c1d18a6752ff055cbe6";
    /** The line of the error the stub {@code kubeadm} prints when asked to fail. */
    public static final String FAILURE_LINE = "error execution phase preflight: couldn't validate the identity of"
            + " the API Server";
    /** The data the image's {@code etc/stub-config.yaml} holds. */
    public static final String IMAGE_CONFIG_LINE = "greeting: from-the-image";

    private static final String RESOURCES = "apply/";
    private static final List<String> CLUSTER_FILES = List.of("Kubefile", "bin/kubeadm", "bin/kubectl",
            "bin/kubelet", "bin/seautil", "bin/etcdctl", "scripts/init.sh", "scripts/init-registry.sh",
            "scripts/clean.sh",
            "etc/kubeadm.yml", "etc/stub-config.yaml", "manifests/cni.yaml");
    private static final List<String> APP_FILES = List.of("Kubefile", "manifests/app.yaml");

    private StubClusterImage() {
    }

    /** Writes the cluster image's build context (Kubefile and files) into {@code dir}; returns {@code dir}. */
    public static Path writeClusterContext(Path dir) {
        return write("cluster-image/", CLUSTER_FILES, dir);
    }

    /** Writes the application image's build context into {@code dir}; returns {@code dir}. */
    public static Path writeAppContext(Path dir) {
        return write("app-image/", APP_FILES, dir);
    }

    /** Builds {@link #IMAGE} for the client's platform into its store, its context under {@code workDir}. */
    public static ClusterImage build(SealerClient client, Path workDir) {
        return build(client, workDir, client.platform());
    }

    /** Builds {@link #IMAGE} for {@code platform} into the client's store, its context under {@code workDir}. */
    public static ClusterImage build(SealerClient client, Path workDir, Platform platform) {
        Path context = writeClusterContext(workDir.resolve("stub-cluster-image"));
        return client.builds().build(BuildRequest.builder(context).tag(IMAGE).platforms(platform)
                .cacheImages(false).build()).get(0);
    }

    /** Builds {@link #APP_IMAGE} for the client's platform into its store, its context under {@code workDir}. */
    public static ClusterImage buildApp(SealerClient client, Path workDir) {
        Path context = writeAppContext(workDir.resolve("stub-app-image"));
        return client.builds().build(BuildRequest.builder(context).tag(APP_IMAGE).platforms(client.platform())
                .cacheImages(false).build()).get(0);
    }

    private static Path write(String prefix, List<String> files, Path dir) {
        try {
            for (String file : files) {
                Path target = dir.resolve(file);
                Files.createDirectories(target.getParent());
                try (InputStream in = StubClusterImage.class.getClassLoader()
                        .getResourceAsStream(RESOURCES + prefix + file)) {
                    if (in == null) {
                        throw new IllegalStateException("test resource " + RESOURCES + prefix + file + " is missing");
                    }
                    Files.write(target, in.readAllBytes());
                }
                if (file.startsWith("bin/") || file.startsWith("scripts/")) {
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
