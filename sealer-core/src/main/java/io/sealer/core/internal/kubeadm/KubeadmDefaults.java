package io.sealer.core.internal.kubeadm;

import io.sealer.core.internal.clusterfile.YamlTrees;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The built-in kubeadm defaults, after sealer main's {@code DefaultKubeadmConfig}
 * ({@code pkg/runtime/kubernetes/kubeadm/common.go}) without what is decided elsewhere: no
 * {@code kubernetesVersion} (it must come from the Clusterfile or the image), and the image repository, CRI socket,
 * cgroup driver and certificate SANs are set by {@link KubeadmConfigMerger}.
 */
final class KubeadmDefaults {
    static final String YAML = """
            kind: InitConfiguration
            localAPIEndpoint:
              bindPort: 6443
            ---
            kind: ClusterConfiguration
            networking:
              podSubnet: 100.64.0.0/10
              serviceSubnet: 10.96.0.0/22
              dnsDomain: cluster.local
            apiServer:
              extraArgs:
                audit-policy-file: /etc/kubernetes/audit-policy.yml
                audit-log-path: /var/log/kubernetes/audit.log
                audit-log-format: json
                audit-log-maxbackup: "10"
                audit-log-maxsize: "100"
                audit-log-maxage: "7"
                enable-aggregator-routing: "true"
              extraVolumes:
                - name: audit
                  hostPath: /etc/kubernetes
                  mountPath: /etc/kubernetes
                  pathType: DirectoryOrCreate
                - name: audit-log
                  hostPath: /var/log/kubernetes
                  mountPath: /var/log/kubernetes
                  pathType: DirectoryOrCreate
                - name: localtime
                  hostPath: /etc/localtime
                  mountPath: /etc/localtime
                  readOnly: true
                  pathType: File
            controllerManager:
              extraVolumes:
                - name: localtime
                  hostPath: /etc/localtime
                  mountPath: /etc/localtime
                  readOnly: true
                  pathType: File
            scheduler:
              extraVolumes:
                - name: localtime
                  hostPath: /etc/localtime
                  mountPath: /etc/localtime
                  readOnly: true
                  pathType: File
            etcd:
              local:
                extraArgs:
                  listen-metrics-urls: http://0.0.0.0:2381
            ---
            apiVersion: kubeproxy.config.k8s.io/v1alpha1
            kind: KubeProxyConfiguration
            mode: ipvs
            ---
            apiVersion: kubelet.config.k8s.io/v1beta1
            kind: KubeletConfiguration
            authentication:
              anonymous:
                enabled: false
              webhook:
                cacheTTL: 2m0s
                enabled: true
              x509:
                clientCAFile: /etc/kubernetes/pki/ca.crt
            authorization:
              mode: Webhook
              webhook:
                cacheAuthorizedTTL: 5m0s
                cacheUnauthorizedTTL: 30s
            cgroupsPerQOS: true
            clusterDomain: cluster.local
            configMapAndSecretChangeDetectionStrategy: Watch
            containerLogMaxFiles: 5
            containerLogMaxSize: 10Mi
            contentType: application/vnd.kubernetes.protobuf
            cpuCFSQuota: true
            cpuCFSQuotaPeriod: 100ms
            cpuManagerPolicy: none
            cpuManagerReconcilePeriod: 10s
            enableControllerAttachDetach: true
            enableDebuggingHandlers: true
            enforceNodeAllocatable:
              - pods
            eventBurst: 10
            eventRecordQPS: 5
            evictionHard:
              imagefs.available: 15%
              memory.available: 100Mi
              nodefs.available: 10%
              nodefs.inodesFree: 5%
            evictionPressureTransitionPeriod: 5m0s
            failSwapOn: true
            fileCheckFrequency: 20s
            hairpinMode: promiscuous-bridge
            healthzBindAddress: 127.0.0.1
            healthzPort: 10248
            httpCheckFrequency: 20s
            imageGCHighThresholdPercent: 85
            imageGCLowThresholdPercent: 80
            imageMinimumGCAge: 2m0s
            iptablesDropBit: 15
            iptablesMasqueradeBit: 14
            kubeAPIBurst: 10
            kubeAPIQPS: 5
            makeIPTablesUtilChains: true
            maxOpenFiles: 1000000
            maxPods: 110
            nodeLeaseDurationSeconds: 40
            nodeStatusReportFrequency: 10s
            nodeStatusUpdateFrequency: 10s
            oomScoreAdj: -999
            podPidsLimit: -1
            port: 10250
            registryBurst: 10
            registryPullQPS: 5
            rotateCertificates: true
            runtimeRequestTimeout: 2m0s
            serializeImagePulls: false
            staticPodPath: /etc/kubernetes/manifests
            streamingConnectionIdleTimeout: 4h0m0s
            syncFrequency: 1m0s
            volumeStatsAggPeriod: 1m0s
            ---
            kind: JoinConfiguration
            caCertPath: /etc/kubernetes/pki/ca.crt
            discovery:
              timeout: 5m0s
            """;

    private KubeadmDefaults() {
    }

    /** The default documents by kind. */
    static Map<String, Map<String, Object>> documents(YamlTrees trees) {
        Map<String, Map<String, Object>> byKind = new LinkedHashMap<>();
        for (Object document : trees.read("built-in kubeadm defaults", YAML)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) document;
            byKind.put((String) map.get("kind"), map);
        }
        return Collections.unmodifiableMap(byKind);
    }
}
