package io.sealer.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parsed arguments of one command: options ({@code --name value}, {@code --name=value}, {@code -n value}), flags
 * ({@code --json}) and positional arguments. {@code --} ends option parsing.
 */
final class CliArgs {
    private final Map<String, List<String>> options;
    private final Set<String> flags;
    private final List<String> positional;

    private CliArgs(Map<String, List<String>> options, Set<String> flags, List<String> positional) {
        this.options = options;
        this.flags = flags;
        this.positional = positional;
    }

    /**
     * Parses {@code args}.
     *
     * @param valued option names (with their dashes, aliases included) that take a value
     * @param flagNames option names that take none
     * @param aliases maps a short or alternative name to its canonical name
     */
    static CliArgs parse(List<String> args, Set<String> valued, Set<String> flagNames, Map<String, String> aliases) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        Set<String> flags = new java.util.LinkedHashSet<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                positional.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                positional.add(arg);
                continue;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            name = aliases.getOrDefault(name, name);
            if (flagNames.contains(name)) {
                if (value != null) {
                    throw new UsageException("option " + name + " takes no value");
                }
                flags.add(name);
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("option " + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                throw new UsageException("unknown option " + arg);
            }
        }
        return new CliArgs(options, flags, positional);
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    Optional<String> option(String name) {
        List<String> values = options.get(name);
        return values == null ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    List<String> options(String name) {
        return options.getOrDefault(name, List.of());
    }

    List<String> positional() {
        return positional;
    }
}
