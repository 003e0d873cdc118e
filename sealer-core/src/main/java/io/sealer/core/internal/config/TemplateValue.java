package io.sealer.core.internal.config;

/** What an operand of a template evaluates to. */
sealed interface TemplateValue permits TemplateValue.Str, TemplateValue.Bool, TemplateValue.Missing,
        TemplateValue.Env {

    /** Go's truth: a non-empty string, {@code true}, a non-empty env; a missing key is false. */
    boolean truth();

    /** A string. */
    record Str(String value) implements TemplateValue {
        @Override
        public boolean truth() {
            return !value.isEmpty();
        }
    }

    /** A boolean (a literal or the result of {@code not}, {@code eq}, {@code ne}). */
    record Bool(boolean value) implements TemplateValue {
        @Override
        public boolean truth() {
            return value;
        }
    }

    /** The value of a key the env does not have (Go's "no value"). */
    record Missing(String key) implements TemplateValue {
        @Override
        public boolean truth() {
            return false;
        }
    }

    /** The env itself ({@code .}). */
    record Env(boolean empty) implements TemplateValue {
        @Override
        public boolean truth() {
            return !empty;
        }
    }
}
