package io.sealer.core.internal.clusterfile;

import io.sealer.api.cluster.ExternalRegistry;
import io.sealer.api.cluster.LocalRegistry;
import io.sealer.api.cluster.ClusterRegistry;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster environment as sealer main's {@code checkAndFillCluster} leaves it: user entries whose key starts with a
 * reserved name are dropped (with a warning), then {@code KubeSvcIP}/{@code DNSSvcIP} (from {@code SvcCIDR}), the
 * local and external registry entries, {@code Registry*} of the registry in use and {@code ContainerRuntime} are
 * appended.
 */
final class DerivedEnv {
    /** Prefixes sealer reserves; matched as prefixes, as sealer does. */
    static final List<String> RESERVED_PREFIXES = List.of("LocalRegistryDomain", "LocalRegistryPort",
            "LocalRegistryURL", "ExternalRegistryDomain", "ExternalRegistryPort", "ExternalRegistryURL",
            "RegistryDomain", "RegistryPort", "RegistryURL", "ContainerRuntime", "DNSSvcIP", "KubeSvcIP");

    private DerivedEnv() {
    }

    static Map<String, String> fill(Map<String, FieldValue> userEnv, ClusterRegistry registry,
            String containerRuntime, Fields fields) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, FieldValue> entry : userEnv.entrySet()) {
            String key = entry.getKey();
            if (RESERVED_PREFIXES.stream().anyMatch(key::startsWith)) {
                FieldValue value = entry.getValue();
                fields.warn(value.path(), value.line(), "env " + key + " is set by sealer and was ignored");
            } else {
                env.put(key, entry.getValue().value());
            }
        }
        FieldValue svcCidr = userEnv.get("SvcCIDR");
        if (svcCidr != null && !svcCidr.value().isBlank()) {
            String first = svcCidr.value().split(",", -1)[0].trim();
            env.put("KubeSvcIP", indexAddress(first, 1, svcCidr, fields));
            env.put("DNSSvcIP", indexAddress(first, 10, svcCidr, fields));
        }
        LocalRegistry local = registry.localRegistry();
        if (local != null) {
            env.put("LocalRegistryDomain", local.domain());
            env.put("LocalRegistryPort", Integer.toString(local.port()));
            env.put("LocalRegistryURL", local.url());
        }
        ExternalRegistry external = registry.externalRegistry();
        if (external != null) {
            env.put("ExternalRegistryDomain", external.domain());
            if (external.port() != null) {
                env.put("ExternalRegistryPort", external.port().toString());
            }
            env.put("ExternalRegistryURL", external.url());
            env.put("RegistryDomain", external.domain());
            if (external.port() != null) {
                env.put("RegistryPort", external.port().toString());
            }
            env.put("RegistryURL", external.url());
        } else {
            env.put("RegistryDomain", local.domain());
            env.put("RegistryPort", Integer.toString(local.port()));
            env.put("RegistryURL", local.url());
        }
        if (!containerRuntime.isEmpty()) {
            env.put("ContainerRuntime", containerRuntime);
        }
        return env;
    }

    /** The {@code index}-th address of the CIDR's network (1 = first usable). */
    private static String indexAddress(String cidr, int index, FieldValue at, Fields fields) {
        int slash = cidr.indexOf('/');
        InetAddress network = slash < 0 ? null : IpAddresses.parse(cidr.substring(0, slash)).orElse(null);
        String prefixText = slash < 0 ? "" : cidr.substring(slash + 1).trim();
        int bits = network == null ? 0 : network.getAddress().length * 8;
        if (network == null || !prefixText.matches("[0-9]{1,3}") || Integer.parseInt(prefixText) > bits) {
            throw fields.error(at.path(), at.line(),
                    "SvcCIDR " + Fields.quote(cidr) + " is not a CIDR such as 10.96.0.0/22");
        }
        int hostBits = bits - Integer.parseInt(prefixText);
        BigInteger size = BigInteger.ONE.shiftLeft(hostBits);
        if (size.compareTo(BigInteger.valueOf(index + 1L)) <= 0) {
            throw fields.error(at.path(), at.line(),
                    "SvcCIDR " + Fields.quote(cidr) + " is too small: it needs at least " + (index + 2) + " addresses");
        }
        BigInteger base = new BigInteger(1, network.getAddress()).shiftRight(hostBits).shiftLeft(hostBits);
        return IpAddresses.format(IpAddresses.toAddress(base.add(BigInteger.valueOf(index)), bits / 8));
    }
}
