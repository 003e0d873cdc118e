package io.sealer.core.internal.plugin.builtin;

import io.sealer.api.cluster.PluginSpec;
import io.sealer.api.plugin.Phase;
import io.sealer.api.plugin.Plugin;
import io.sealer.api.plugin.PluginContext;
import io.sealer.api.spi.ExecResult;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code HOSTNAME}: sets the hostname of hosts, before they become nodes (sealer's phases: {@code PreInit},
 * {@code PreJoin}). Each line of {@code data} is {@code IP name}; for the lines whose IP is a target, the host runs
 * {@code hostname <name> && echo <name> > /etc/hostname}. Names must be RFC 1123 labels, since kubeadm takes the node
 * name from the hostname; upper-case names are lower-cased with a warning (sealer passed them on and kubeadm refused
 * them, sealer issue #797). Unlike sealer, a line that is not {@code IP name}, an IP or a name given twice is an error
 * naming the line rather than being skipped or silently winning.
 */
public final class HostnamePlugin implements Plugin {
    /** The type name. */
    public static final String TYPE = "HOSTNAME";

    /**
     * One line of {@code data}.
     *
     * @param line where it is
     * @param ip the host, canonical
     * @param hostname the name to set, lower-case
     */
    record Rule(DataLine line, String ip, String hostname) {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void run(PluginContext context, Phase phase) {
        PluginSpec spec = context.spec();
        Set<String> targets = Ips.canonicalAll(context.hosts());
        for (Rule rule : parse(spec, context.logger())) {
            if (!targets.contains(rule.ip())) {
                continue;
            }
            String name = ShellWords.quote(rule.hostname());
            ExecResult result = context.exec(rule.ip(), "hostname " + name + " && echo " + name + " > /etc/hostname");
            if (!result.succeeded()) {
                throw PluginFailures.commandFailed(spec, rule.ip(), "setting the hostname to " + rule.hostname(),
                        result);
            }
            context.logger().log(Level.INFO, "plugin " + spec.name() + ": hostname of " + rule.ip() + " set to "
                    + rule.hostname());
        }
    }

    /** The lines of {@code data}, checked. */
    static List<Rule> parse(PluginSpec spec, System.Logger logger) {
        List<Rule> rules = new ArrayList<>();
        Map<String, Rule> byIp = new HashMap<>();
        Map<String, Rule> byName = new HashMap<>();
        for (DataLine line : DataLine.of(spec.data())) {
            List<String> tokens = line.tokens();
            if (tokens.size() != 2) {
                throw PluginFailures.badLine(spec, line, "expected 'IP hostname' (2 fields), found " + tokens.size());
            }
            String ip = Ips.canonical(tokens.get(0)).orElseThrow(() -> PluginFailures.badLine(spec, line,
                    "'" + tokens.get(0) + "' is not an IP address"));
            String name = tokens.get(1).toLowerCase(Locale.ROOT);
            if (!name.equals(tokens.get(1))) {
                logger.log(Level.WARNING, "plugin " + spec.name() + " (" + TYPE + ") data line " + line.number()
                        + ": hostname '" + tokens.get(1) + "' lower-cased to '" + name + "' (Kubernetes node names"
                        + " are lower-case)");
            }
            KubernetesNames.dns1123LabelProblem(name).ifPresent(problem -> {
                throw PluginFailures.badLine(spec, line, "hostname " + problem);
            });
            Rule rule = new Rule(line, ip, name);
            Rule sameIp = byIp.putIfAbsent(ip, rule);
            if (sameIp != null) {
                throw PluginFailures.badLine(spec, line, ip + " already has a hostname on line "
                        + sameIp.line().number());
            }
            Rule sameName = byName.putIfAbsent(name, rule);
            if (sameName != null) {
                throw PluginFailures.badLine(spec, line, "hostname " + name + " is already given to "
                        + sameName.ip() + " on line " + sameName.line().number() + "; node names must be unique");
            }
            rules.add(rule);
        }
        return rules;
    }
}
