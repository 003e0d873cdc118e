package io.sealer.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A generated {@code manifests/} directory of Kubernetes YAML in a realistic mix: Deployments (often with their
 * Service in the same file), bare Services, CronJobs, StatefulSets, DaemonSets, ConfigMaps whose embedded config
 * mentions images, CustomResourceDefinitions whose schemas have {@code image} properties (these need the full YAML
 * parser) and custom resources with {@code image}/{@code sidecarImage} fields. Images come from a pool of a few hundred
 * references in every form (short names, registries with ports, digests, quoted), so many repeat.
 *
 * @param root the directory holding {@code manifests/}
 * @param files the number of manifests written (documents bundled into one file count one each)
 * @param yamlBytes the total size of those files
 */
record ManifestTree(Path root, int files, long yamlBytes) {
    private static final String[] REGISTRIES = {"", "docker.io/", "docker.io/library/", "quay.io/", "ghcr.io/",
        "registry.k8s.io/", "registry.example.com:5000/", "10.0.0.12:5000/"};
    private static final String[] NAMES = {"nginx", "redis", "postgres", "busybox", "envoyproxy/envoy",
        "prometheus/prometheus", "grafana/grafana", "coredns/coredns", "kube-state-metrics/kube-state-metrics",
        "calico/node", "calico/cni", "jetstack/cert-manager-controller", "bitnami/kafka", "elastic/elasticsearch",
        "team/payments-api", "team/orders-worker", "team/frontend", "istio/proxyv2"};

    /** The kinds of file in the mix, with their share in percent. */
    enum Kind {
        DEPLOYMENT_AND_SERVICE("deploy-svc-", 30),
        DEPLOYMENT("deploy-", 10),
        SERVICE("svc-", 12),
        CRON_JOB("cron-", 10),
        STATEFUL_SET("sts-", 8),
        CONFIG_MAP("cm-", 6),
        CRD("crd-", 8),
        CUSTOM_RESOURCE("cr-", 16);

        final String prefix;
        final int percent;

        Kind(String prefix, int percent) {
            this.prefix = prefix;
            this.percent = percent;
        }

        static Kind pick(int percentile) {
            int upTo = 0;
            for (Kind kind : values()) {
                upTo += kind.percent;
                if (percentile < upTo) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("percentile " + percentile);
        }
    }

    /**
     * Variants of the mix, to measure what the parser's slow path costs: {@code REALISTIC} is the headline mix;
     * {@code HOSTNAME_REGISTRIES} replaces the IP-address registry ({@code 10.0.0.12:5000/...}) with a host name;
     * {@code NO_FALLBACK} does that and also writes no CRDs, so no document needs the full YAML parser;
     * {@code NO_FALLBACK_BUNDLED} writes the same documents as {@code NO_FALLBACK} into files of
     * {@value #BUNDLE} manifests each, which shows what the per-file work costs.
     */
    enum Mix { REALISTIC, HOSTNAME_REGISTRIES, NO_FALLBACK, NO_FALLBACK_BUNDLED }

    static final int BUNDLE = 100;

    /** Writes {@code count} manifest files in the realistic mix under {@code root/manifests}. */
    static ManifestTree generate(Path root, int count) {
        return generate(root, count, null, Mix.REALISTIC);
    }

    /**
     * Draws {@code count} manifests from the mix but writes only those of kind {@code only} (all when null), so a
     * one-kind tree holds exactly the files of that kind the full tree holds.
     */
    static ManifestTree generate(Path root, int count, Kind only, Mix mix) {
        SplittableRandom random = new SplittableRandom(4242L);
        List<String> pool = imagePool(random).stream()
                .map(ref -> mix == Mix.REALISTIC ? ref : ref.replace("10.0.0.12:5000/", "registry.internal:5000/"))
                .toList();
        long bytes = 0;
        int written = 0;
        StringBuilder bundle = new StringBuilder();
        try {
            for (int i = 0; i < count; i++) {
                Path dir = Files.createDirectories(root.resolve("manifests").resolve("team-" + (i % 100)));
                Kind kind = Kind.pick(random.nextInt(100));
                String name = "app-" + i;
                String text = switch (kind) {
                    case DEPLOYMENT_AND_SERVICE -> deployment(name, random, pool) + "---\n" + service(name, random);
                    case DEPLOYMENT -> deployment(name, random, pool);
                    case SERVICE -> service(name, random);
                    case CRON_JOB -> cronJob(name, random, pool);
                    case STATEFUL_SET -> statefulSet(name, random, pool);
                    case CONFIG_MAP -> configMap(name, random, pool);
                    case CRD -> crd(name, random);
                    case CUSTOM_RESOURCE -> customResource(name, random, pool);
                };
                if (only != null && kind != only || mix.compareTo(Mix.NO_FALLBACK) >= 0 && kind == Kind.CRD) {
                    continue;
                }
                String file = kind.prefix + name + (i % 10 == 0 ? ".yml" : ".yaml");
                written++;
                if (mix == Mix.NO_FALLBACK_BUNDLED) {
                    bundle.append(bundle.isEmpty() ? "" : "---\n").append(text);
                    if (written % BUNDLE != 0) {
                        continue;
                    }
                    text = bundle.toString();
                    bundle.setLength(0);
                    file = "bundle-" + written + ".yaml";
                }
                bytes += write(dir.resolve(file), text);
            }
            if (!bundle.isEmpty()) {
                bytes += write(root.resolve("manifests").resolve("bundle-last.yaml"), bundle.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ManifestTree(root, written, bytes);
    }

    private static long write(Path file, String text) throws IOException {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        Files.write(file, data);
        return data.length;
    }

    private static List<String> imagePool(SplittableRandom random) {
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String registry = REGISTRIES[random.nextInt(REGISTRIES.length)];
            String name = NAMES[random.nextInt(NAMES.length)];
            if (registry.equals("docker.io/library/") && name.contains("/")) {
                registry = "docker.io/";
            }
            String ref = registry + name;
            int form = random.nextInt(10);
            if (form < 6) {
                ref += ":v1." + random.nextInt(30) + "." + random.nextInt(10);
            } else if (form < 8) {
                StringBuilder hex = new StringBuilder();
                for (int h = 0; h < 4; h++) {
                    hex.append(String.format("%016x", random.nextLong()));
                }
                ref += (random.nextBoolean() ? ":1." + random.nextInt(9) : "") + "@sha256:" + hex;
            } else if (form == 8) {
                ref += ":latest";
            }
            pool.add(ref);
        }
        return pool;
    }

    private static String image(SplittableRandom random, List<String> pool) {
        String ref = pool.get(random.nextInt(pool.size()));
        return switch (random.nextInt(6)) {
            case 0 -> "\"" + ref + "\"";
            case 1 -> "'" + ref + "'";
            default -> ref;
        };
    }

    private static String metadata(String kind, String name, SplittableRandom random) {
        return "metadata:\n  name: " + name + "\n  namespace: ns-" + random.nextInt(20) + "\n  labels:\n"
                + "    app.kubernetes.io/name: " + name + "\n    app.kubernetes.io/part-of: shop\n"
                + "    app.kubernetes.io/component: " + kind.toLowerCase(java.util.Locale.ROOT) + "\n"
                + "  annotations:\n    meta.helm.sh/release-name: shop\n"
                + "    example.com/owner: \"platform-team@example.com\"\n";
    }

    private static String container(String indent, String name, SplittableRandom random, List<String> pool) {
        StringBuilder s = new StringBuilder();
        s.append(indent).append("- name: ").append(name).append('\n');
        s.append(indent).append("  image: ").append(image(random, pool)).append('\n');
        s.append(indent).append("  imagePullPolicy: IfNotPresent\n");
        s.append(indent).append("  args: [\"--port=8080\", \"--log-level=info\"]\n");
        s.append(indent).append("  ports:\n");
        s.append(indent).append("    - containerPort: 8080\n");
        s.append(indent).append("      name: http\n");
        s.append(indent).append("      protocol: TCP\n");
        s.append(indent).append("  env:\n");
        int envs = 2 + random.nextInt(6);
        for (int e = 0; e < envs; e++) {
            s.append(indent).append("    - name: SETTING_").append(e).append('\n');
            s.append(indent).append("      value: \"value-").append(random.nextInt(1000)).append("\"\n");
        }
        s.append(indent).append("  resources:\n");
        s.append(indent).append("    limits:\n");
        s.append(indent).append("      cpu: 500m\n");
        s.append(indent).append("      memory: 512Mi\n");
        s.append(indent).append("    requests:\n");
        s.append(indent).append("      cpu: 100m\n");
        s.append(indent).append("      memory: 128Mi\n");
        s.append(indent).append("  readinessProbe:\n");
        s.append(indent).append("    httpGet:\n");
        s.append(indent).append("      path: /healthz\n");
        s.append(indent).append("      port: http\n");
        s.append(indent).append("    initialDelaySeconds: 5\n");
        s.append(indent).append("  volumeMounts:\n");
        s.append(indent).append("    - name: config\n");
        s.append(indent).append("      mountPath: /etc/app\n");
        s.append(indent).append("      readOnly: true\n");
        return s.toString();
    }

    private static String podSpec(String indent, String name, SplittableRandom random, List<String> pool) {
        StringBuilder s = new StringBuilder();
        s.append(indent).append("serviceAccountName: ").append(name).append('\n');
        s.append(indent).append("securityContext:\n");
        s.append(indent).append("  runAsNonRoot: true\n");
        s.append(indent).append("  runAsUser: 1000\n");
        if (random.nextInt(3) == 0) {
            s.append(indent).append("initContainers:\n");
            s.append(container(indent + "  ", "init", random, pool));
        }
        s.append(indent).append("containers:\n");
        int containers = 1 + random.nextInt(3);
        for (int c = 0; c < containers; c++) {
            s.append(container(indent + "  ", c == 0 ? name : "sidecar-" + c, random, pool));
        }
        s.append(indent).append("volumes:\n");
        s.append(indent).append("  - name: config\n");
        s.append(indent).append("    configMap:\n");
        s.append(indent).append("      name: ").append(name).append("-config\n");
        s.append(indent).append("tolerations:\n");
        s.append(indent).append("  - key: node-role.kubernetes.io/control-plane\n");
        s.append(indent).append("    operator: Exists\n");
        s.append(indent).append("    effect: NoSchedule\n");
        return s.toString();
    }

    private static String deployment(String name, SplittableRandom random, List<String> pool) {
        return "apiVersion: apps/v1\nkind: Deployment\n" + metadata("Deployment", name, random)
                + "spec:\n  replicas: " + (1 + random.nextInt(5)) + "\n  selector:\n    matchLabels:\n"
                + "      app.kubernetes.io/name: " + name + "\n  strategy:\n    type: RollingUpdate\n"
                + "  template:\n    metadata:\n      labels:\n        app.kubernetes.io/name: " + name + "\n"
                + "    spec:\n" + podSpec("      ", name, random, pool);
    }

    private static String statefulSet(String name, SplittableRandom random, List<String> pool) {
        String kind = random.nextBoolean() ? "StatefulSet" : "DaemonSet";
        return "apiVersion: apps/v1\nkind: " + kind + "\n" + metadata(kind, name, random)
                + "spec:\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: " + name + "\n"
                + "  template:\n    metadata:\n      labels:\n        app.kubernetes.io/name: " + name + "\n"
                + "    spec:\n" + podSpec("      ", name, random, pool);
    }

    private static String cronJob(String name, SplittableRandom random, List<String> pool) {
        return "apiVersion: batch/v1\nkind: CronJob\n" + metadata("CronJob", name, random)
                + "spec:\n  schedule: \"" + random.nextInt(60) + " */6 * * *\"\n  concurrencyPolicy: Forbid\n"
                + "  jobTemplate:\n    spec:\n      backoffLimit: 2\n      template:\n        spec:\n"
                + "          restartPolicy: OnFailure\n" + podSpec("          ", name, random, pool);
    }

    private static String service(String name, SplittableRandom random) {
        return "apiVersion: v1\nkind: Service\n" + metadata("Service", name, random)
                + "spec:\n  type: ClusterIP\n  selector:\n    app.kubernetes.io/name: " + name + "\n"
                + "  ports:\n    - name: http\n      port: 80\n      targetPort: http\n      protocol: TCP\n";
    }

    private static String configMap(String name, SplittableRandom random, List<String> pool) {
        StringBuilder s = new StringBuilder("apiVersion: v1\nkind: ConfigMap\n")
                .append(metadata("ConfigMap", name, random))
                .append("data:\n  config.yaml: |\n    # images pulled by the operator at runtime\n");
        for (int i = 0; i < 20; i++) {
            s.append("    component").append(i).append(":\n");
            s.append("      image: ").append(pool.get(random.nextInt(pool.size()))).append('\n');
            s.append("      replicas: ").append(random.nextInt(4)).append('\n');
        }
        s.append("  log-level: info\n");
        return s.toString();
    }

    private static String crd(String name, SplittableRandom random) {
        StringBuilder s = new StringBuilder("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n")
                .append("metadata:\n  name: widgets").append(name).append(".example.com\n")
                .append("spec:\n  group: example.com\n  names:\n    kind: Widget").append(name.hashCode() & 0xffff)
                .append("\n    plural: widgets\n  scope: Namespaced\n  versions:\n    - name: v1\n")
                .append("      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n")
                .append("          type: object\n          properties:\n            spec:\n")
                .append("              type: object\n              properties:\n")
                .append("                image:\n                  type: string\n")
                .append("                  description: The container image to run.\n")
                .append("                sidecarImage:\n                  type: string\n")
                .append("                  description: Optional sidecar image.\n");
        int fields = 30 + random.nextInt(60);
        for (int f = 0; f < fields; f++) {
            s.append("                field").append(f).append(":\n");
            s.append("                  type: ").append(f % 3 == 0 ? "integer" : "string").append('\n');
            s.append("                  description: Field ").append(f)
                    .append(" controls how the widget behaves when it is reconciled by the controller.\n");
        }
        return s.toString();
    }

    private static String customResource(String name, SplittableRandom random, List<String> pool) {
        return "apiVersion: example.com/v1\nkind: Widget\n" + metadata("Widget", name, random)
                + "spec:\n  image: " + image(random, pool) + "\n  sidecarImage: " + image(random, pool) + "\n"
                + "  replicas: 2\n  monitoring:\n    enabled: true\n    exporterImage: " + image(random, pool) + "\n"
                + "  settings:\n    retention: 7d\n    tier: gold\n";
    }
}
