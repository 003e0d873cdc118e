package io.sealer.cli;

/** A command whose name, summary and usage are fixed at construction. */
abstract class NamedCommand implements Command {
    private final String name;
    private final String summary;
    private final String usage;

    NamedCommand(String name, String summary, String usage) {
        this.name = name;
        this.summary = summary;
        this.usage = usage;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String summary() {
        return summary;
    }

    @Override
    public final String usage() {
        return usage;
    }
}
