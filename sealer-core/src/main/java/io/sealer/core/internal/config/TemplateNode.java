package io.sealer.core.internal.config;

import java.util.List;

/** The parsed form of a template: text, actions that print a pipeline, and {@code if} blocks. */
sealed interface TemplateNode permits TemplateNode.Text, TemplateNode.Print, TemplateNode.Conditional {

    /** Text copied to the output. */
    record Text(String text) implements TemplateNode {
    }

    /** <code>{{ pipeline }}</code>: prints the pipeline's value. */
    record Print(Pipeline pipeline, Where where) implements TemplateNode {
    }

    /** <code>{{ if }} … {{ else if }} … {{ else }} … {{ end }}</code>: the first branch whose condition holds. */
    record Conditional(List<Branch> branches, List<TemplateNode> otherwise) implements TemplateNode {
        public Conditional {
            branches = List.copyOf(branches);
            otherwise = List.copyOf(otherwise);
        }
    }

    /** One {@code if} or {@code else if} branch. */
    record Branch(Pipeline condition, Where where, List<TemplateNode> body) {
        public Branch {
            body = List.copyOf(body);
        }
    }

    /** Where an action is, for messages: its 1-based line and its text (<code>{{ .Key }}</code>). */
    record Where(int line, String action) {
    }

    /** Commands joined by {@code |}: each command's value is the last argument of the next. */
    record Pipeline(List<Command> commands) {
        public Pipeline {
            commands = List.copyOf(commands);
        }
    }

    /** A function call ({@code b64enc .Key}) or a single operand ({@code .Key}, {@code "text"}). */
    record Command(List<Operand> words) {
        public Command {
            words = List.copyOf(words);
        }
    }

    /** An operand of a command. */
    sealed interface Operand permits Field, Dot, Literal, Function, Nested {
    }

    /** {@code .Key}: the env value of the key. */
    record Field(String name) implements Operand {
    }

    /** {@code .}: the whole env. */
    record Dot() implements Operand {
    }

    /** A string or boolean constant. */
    record Literal(TemplateValue value) implements Operand {
    }

    /** A function name. */
    record Function(String name) implements Operand {
    }

    /** {@code ( pipeline )}. */
    record Nested(Pipeline pipeline) implements Operand {
    }
}
