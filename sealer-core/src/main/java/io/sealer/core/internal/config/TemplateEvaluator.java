package io.sealer.core.internal.config;

import io.sealer.api.BuildException;
import io.sealer.api.ClusterfileException;
import io.sealer.api.SealerException;
import io.sealer.core.internal.config.TemplateNode.Branch;
import io.sealer.core.internal.config.TemplateNode.Command;
import io.sealer.core.internal.config.TemplateNode.Conditional;
import io.sealer.core.internal.config.TemplateNode.Dot;
import io.sealer.core.internal.config.TemplateNode.Field;
import io.sealer.core.internal.config.TemplateNode.Function;
import io.sealer.core.internal.config.TemplateNode.Literal;
import io.sealer.core.internal.config.TemplateNode.Nested;
import io.sealer.core.internal.config.TemplateNode.Operand;
import io.sealer.core.internal.config.TemplateNode.Pipeline;
import io.sealer.core.internal.config.TemplateNode.Print;
import io.sealer.core.internal.config.TemplateNode.Text;
import io.sealer.core.internal.config.TemplateNode.Where;
import io.sealer.core.internal.config.TemplateValue.Bool;
import io.sealer.core.internal.config.TemplateValue.Env;
import io.sealer.core.internal.config.TemplateValue.Missing;
import io.sealer.core.internal.config.TemplateValue.Str;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Runs parsed template nodes against an env. Unlike Go, which prints {@code <no value>} for a key the env does not
 * have, printing (or encoding, or comparing) such a key is a {@link ClusterfileException} naming the file, line,
 * key and the keys the env has (never their values); testing it ({@code if}, {@code or}, {@code and}, {@code not}) is
 * fine and false. A value of the wrong type is a {@link BuildException}.
 */
final class TemplateEvaluator {
    private static final int MAX_KEYS_SHOWN = 60;

    private final Map<String, String> env;
    private final String source;

    TemplateEvaluator(Map<String, String> env, String source) {
        this.env = env;
        this.source = source;
    }

    String execute(List<TemplateNode> nodes) {
        StringBuilder out = new StringBuilder();
        run(nodes, out);
        return out.toString();
    }

    private void run(List<TemplateNode> nodes, StringBuilder out) {
        for (TemplateNode node : nodes) {
            if (node instanceof Text text) {
                out.append(text.text());
            } else if (node instanceof Print print) {
                out.append(printed(evaluate(print.pipeline(), print.where()), print.where()));
            } else if (node instanceof Conditional conditional) {
                run(chosen(conditional), out);
            }
        }
    }

    private List<TemplateNode> chosen(Conditional conditional) {
        for (Branch branch : conditional.branches()) {
            if (evaluate(branch.condition(), branch.where()).truth()) {
                return branch.body();
            }
        }
        return conditional.otherwise();
    }

    private String printed(TemplateValue value, Where where) {
        if (value instanceof Str s) {
            return s.value();
        }
        if (value instanceof Bool b) {
            return Boolean.toString(b.value());
        }
        if (value instanceof Missing m) {
            throw missing(m, where);
        }
        throw wrongType(where, "would print the whole env; print a key (.Key) instead");
    }

    private TemplateValue evaluate(Pipeline pipeline, Where where) {
        TemplateValue value = null;
        for (Command command : pipeline.commands()) {
            value = command(command, value, where);
        }
        return value;
    }

    private TemplateValue command(Command command, TemplateValue piped, Where where) {
        List<Operand> words = command.words();
        if (!(words.get(0) instanceof Function function)) {
            return operand(words.get(0), where);
        }
        List<Supplier<TemplateValue>> args = new ArrayList<>();
        for (Operand word : words.subList(1, words.size())) {
            args.add(() -> operand(word, where));
        }
        if (piped != null) {
            args.add(() -> piped);
        }
        return call(function.name(), args, where);
    }

    private TemplateValue operand(Operand operand, Where where) {
        if (operand instanceof Field field) {
            return lookup(field.name());
        }
        if (operand instanceof Dot) {
            return new Env(env.isEmpty());
        }
        if (operand instanceof Literal literal) {
            return literal.value();
        }
        if (operand instanceof Nested nested) {
            return evaluate(nested.pipeline(), where);
        }
        throw new IllegalStateException(operand.toString());
    }

    private TemplateValue lookup(String key) {
        String value = env.get(key);
        return value == null ? new Missing(key) : new Str(value);
    }

    private TemplateValue call(String name, List<Supplier<TemplateValue>> args, Where where) {
        switch (name) {
            case "or", "and" -> {
                arity(name, args, 1, Integer.MAX_VALUE, where);
                boolean or = name.equals("or");
                for (int i = 0; i < args.size(); i++) {
                    TemplateValue value = args.get(i).get();
                    if (value.truth() == or || i == args.size() - 1) {
                        return value;
                    }
                }
                throw new IllegalStateException("unreachable");
            }
            case "not" -> {
                arity(name, args, 1, 1, where);
                return new Bool(!args.get(0).get().truth());
            }
            case "b64enc" -> {
                arity(name, args, 1, 1, where);
                String value = string(args.get(0).get(), name, where);
                return new Str(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
            }
            case "b64dec" -> {
                arity(name, args, 1, 1, where);
                String value = string(args.get(0).get(), name, where);
                try {
                    byte[] decoded = Base64.getDecoder().decode(value.replace("\n", "").replace("\r", ""));
                    return new Str(new String(decoded, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new ClusterfileException(source, where.line(), null, where.action()
                            + ": b64dec was given a value that is not valid base64");
                }
            }
            case "eq", "ne" -> {
                arity(name, args, 2, name.equals("ne") ? 2 : Integer.MAX_VALUE, where);
                TemplateValue first = comparable(args.get(0).get(), name, where);
                boolean equal = false;
                for (Supplier<TemplateValue> arg : args.subList(1, args.size())) {
                    TemplateValue other = comparable(arg.get(), name, where);
                    if (other.getClass() != first.getClass()) {
                        throw wrongType(where, name + " compares a string with a boolean");
                    }
                    equal |= other.equals(first);
                }
                return new Bool(name.equals("eq") == equal);
            }
            case "index" -> {
                arity(name, args, 1, Integer.MAX_VALUE, where);
                TemplateValue item = args.get(0).get();
                for (Supplier<TemplateValue> arg : args.subList(1, args.size())) {
                    if (!(item instanceof Env)) {
                        throw wrongType(where, "index works on the env (.) only");
                    }
                    item = lookup(string(arg.get(), name, where));
                }
                return item;
            }
            default -> throw new IllegalStateException("function " + name);
        }
    }

    private void arity(String name, List<?> args, int min, int max, Where where) {
        if (args.size() < min || args.size() > max) {
            String want = min == max ? Integer.toString(min) : max == Integer.MAX_VALUE ? "at least " + min
                    : min + " to " + max;
            throw wrongType(where, name + " takes " + want + " argument(s), got " + args.size());
        }
    }

    private String string(TemplateValue value, String function, Where where) {
        if (value instanceof Str s) {
            return s.value();
        }
        if (value instanceof Missing m) {
            throw missing(m, where);
        }
        throw wrongType(where, function + " needs a string, got " + describe(value));
    }

    private TemplateValue comparable(TemplateValue value, String function, Where where) {
        if (value instanceof Missing m) {
            throw missing(m, where);
        }
        if (value instanceof Env) {
            throw wrongType(where, function + " cannot compare the whole env");
        }
        return value;
    }

    private static String describe(TemplateValue value) {
        return value instanceof Bool ? "a boolean" : "the whole env";
    }

    private SealerException wrongType(Where where, String problem) {
        return new BuildException(source, where.line(), where.action() + ": " + problem, null);
    }

    private ClusterfileException missing(Missing missing, Where where) {
        List<String> keys = new ArrayList<>(new TreeSet<>(env.keySet()));
        String known = keys.isEmpty() ? "the env is empty"
                : "known keys: " + String.join(", ", keys.subList(0, Math.min(keys.size(), MAX_KEYS_SHOWN)))
                        + (keys.size() > MAX_KEYS_SHOWN ? ", … (" + keys.size() + " in all)" : "");
        return new ClusterfileException(source, where.line(), null, where.action() + " needs env key \""
                + missing.key() + "\", which the cluster env does not have (" + known
                + "); set it in the Clusterfile's spec.env");
    }
}
