package io.sealer.core.internal.plugin.builtin;

import io.sealer.api.cluster.PluginSpec;
import io.sealer.api.plugin.Phase;
import io.sealer.api.plugin.Plugin;
import io.sealer.api.plugin.PluginContext;
import io.sealer.api.spi.ExecResult;
import io.sealer.core.internal.clusterfile.IpAddresses;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code TAINT}: adds and removes node taints once the cluster is up (sealer's phase: {@code PreGuest}). Each line of
 * {@code data} is {@code IPs taint}: exactly two whitespace-separated fields, the first an IP, a list {@code a,b} or a
 * range {@code a-b}, the second one of the forms {@link Taint#parse} reads. For each target host among the IPs, in the
 * order of the lines, master0 runs {@code kubectl taint node <node> <taint> --overwrite}; removing a taint the node
 * does not have is not an error. A removal names key and effect only (Kubernetes matches removals on those), so
 * {@code key=value:NoSchedule-} runs as {@code key:NoSchedule-}. In a phase without a cluster the plugin is skipped
 * with a warning, as in sealer.
 */
public final class TaintPlugin implements Plugin {
    /** The type name. */
    public static final String TYPE = "TAINT";

    /**
     * One line of {@code data}.
     *
     * @param line where it is
     * @param ips the hosts, canonical
     * @param taint the taint to add or remove
     */
    record Rule(DataLine line, List<String> ips, Taint taint) {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void run(PluginContext context, Phase phase) {
        NodeRules.apply(context, phase, "tainting nodes", parse(context.spec()), Rule::ips, TaintPlugin::apply);
    }

    private static void apply(PluginContext context, String master0, String node, String ip, Rule rule) {
        String argument = rule.taint().argument();
        ExecResult result = context.exec(master0, "kubectl taint node " + ShellWords.quote(node) + " "
                + ShellWords.quote(argument) + " --overwrite");
        String name = context.spec().name();
        if (result.succeeded()) {
            context.logger().log(Level.INFO, "plugin " + name + ": node " + node + " (" + ip + ") taint "
                    + argument);
        } else if (rule.taint().remove() && notFound(result)) {
            context.logger().log(Level.INFO, "plugin " + name + ": node " + node + " (" + ip + ") has no taint "
                    + argument.substring(0, argument.length() - 1) + " to remove");
        } else {
            throw PluginFailures.commandFailed(context.spec(), master0, "tainting node " + node + " (" + ip
                    + ", data line " + rule.line().number() + ") with " + argument, result);
        }
    }

    /** kubectl's complaint about removing an absent taint: {@code error: taint "k:NoSchedule" not found}. */
    private static boolean notFound(ExecResult result) {
        return result.lastLines().stream().map(l -> l.toLowerCase(Locale.ROOT))
                .anyMatch(l -> l.contains("taint") && l.contains("not found"));
    }

    /**
     * The lines of {@code data}, checked as sealer's {@code formatData} did (trimmed, {@code #} and blank lines
     * skipped, exactly two fields).
     */
    static List<Rule> parse(PluginSpec spec) {
        List<Rule> rules = new ArrayList<>();
        for (DataLine line : DataLine.of(spec.data())) {
            List<String> tokens = line.tokens();
            if (tokens.size() != 2) {
                throw PluginFailures.badLine(spec, line, "expected 'IPs taint' (2 fields), found " + tokens.size());
            }
            List<String> ips;
            try {
                ips = Ips.expand(tokens.get(0));
            } catch (IpAddresses.InvalidIpException e) {
                throw PluginFailures.badLine(spec, line, e.getMessage());
            }
            try {
                rules.add(new Rule(line, ips, Taint.parse(tokens.get(1))));
            } catch (IllegalArgumentException e) {
                throw PluginFailures.badLine(spec, line, e.getMessage());
            }
        }
        return rules;
    }
}
