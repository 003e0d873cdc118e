package io.sealer.core.internal.plugin.builtin;

import io.sealer.api.cluster.PluginSpec;
import io.sealer.api.plugin.Phase;
import io.sealer.api.plugin.Plugin;
import io.sealer.api.plugin.PluginContext;
import io.sealer.api.spi.ExecResult;
import io.sealer.core.internal.clusterfile.IpAddresses;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code LABEL}: sets node labels once the cluster is up (sealer's phase: {@code PreGuest}). Each line of
 * {@code data} is {@code IP k=v,k2=v2} (the IP may also be a list {@code a,b} or a range {@code a-b}); for each target
 * host among them, master0 runs {@code kubectl label node <node> k=v k2=v2 --overwrite}. Keys and values are checked
 * as Kubernetes does (qualified names; values of at most 63 characters), and a malformed line is an error naming it
 * (sealer skipped it silently). In a phase without a cluster the plugin is skipped with a warning, as in sealer.
 */
public final class LabelPlugin implements Plugin {
    /** The type name. */
    public static final String TYPE = "LABEL";

    /**
     * One line of {@code data}.
     *
     * @param line where it is
     * @param ips the hosts, canonical
     * @param labels the labels in the order written
     */
    record Rule(DataLine line, List<String> ips, Map<String, String> labels) {
        /** The arguments of {@code kubectl label}: {@code k=v k2=v2}. */
        String arguments() {
            List<String> pairs = new ArrayList<>();
            labels.forEach((k, v) -> pairs.add(ShellWords.quote(k + "=" + v)));
            return String.join(" ", pairs);
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void run(PluginContext context, Phase phase) {
        NodeRules.apply(context, phase, "labelling nodes", parse(context.spec()), Rule::ips, LabelPlugin::label);
    }

    private static void label(PluginContext context, String master0, String node, String ip, Rule rule) {
        PluginSpec spec = context.spec();
        ExecResult result = context.exec(master0, "kubectl label node " + ShellWords.quote(node) + " "
                + rule.arguments() + " --overwrite");
        if (!result.succeeded()) {
            throw PluginFailures.commandFailed(spec, master0, "labelling node " + node + " (" + ip + ", data"
                    + " line " + rule.line().number() + ")", result);
        }
        context.logger().log(Level.INFO, "plugin " + spec.name() + ": node " + node + " (" + ip
                + ") labelled " + rule.labels());
    }

    /** The lines of {@code data}, checked. */
    static List<Rule> parse(PluginSpec spec) {
        List<Rule> rules = new ArrayList<>();
        for (DataLine line : DataLine.of(spec.data())) {
            List<String> tokens = line.tokens();
            if (tokens.size() != 2) {
                throw PluginFailures.badLine(spec, line, "expected 'IP key=value[,key2=value2...]' (2 fields), found "
                        + tokens.size());
            }
            List<String> ips;
            try {
                ips = Ips.expand(tokens.get(0));
            } catch (IpAddresses.InvalidIpException e) {
                throw PluginFailures.badLine(spec, line, e.getMessage());
            }
            Map<String, String> labels = new LinkedHashMap<>();
            for (String pair : tokens.get(1).split(",", -1)) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    throw PluginFailures.badLine(spec, line, "'" + pair + "' is not key=value");
                }
                String key = pair.substring(0, eq);
                String value = pair.substring(eq + 1);
                KubernetesNames.qualifiedNameProblem(key).or(() -> KubernetesNames.labelValueProblem(value))
                        .ifPresent(problem -> {
                            throw PluginFailures.badLine(spec, line, "label " + problem);
                        });
                if (labels.put(key, value) != null) {
                    throw PluginFailures.badLine(spec, line, "label key '" + key + "' is given twice");
                }
            }
            rules.add(new Rule(line, ips, labels));
        }
        return rules;
    }
}
