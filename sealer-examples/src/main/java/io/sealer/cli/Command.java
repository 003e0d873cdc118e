package io.sealer.cli;

/** One sub-command of the {@code sealer} program. */
interface Command {
    /** The word that selects it, e.g. {@code validate}. */
    String name();

    /** One line for the help text. */
    String summary();

    /** Usage line(s) after {@code sealer}. */
    String usage();

    /**
     * Runs the command.
     *
     * @param args the arguments after the command word (global options already removed)
     * @return the process exit code
     * @throws UsageException when the arguments are wrong
     */
    int run(java.util.List<String> args, CliContext context) throws Exception;
}
