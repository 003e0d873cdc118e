package io.sealer.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sealer completion bash}: the shell completion script. */
@Command(name = "completion", description = {"Print the shell completion script.",
    "Load it with: source <(sealer completion bash)"})
final class CompletionCommand extends CliCommand {
    /** The shells with a completion script. */
    enum Shell { bash }

    @Parameters(index = "0", paramLabel = "SHELL", description = "The shell: ${COMPLETION-CANDIDATES}.")
    Shell shell;

    @Override
    public Integer call() {
        out().print(AutoComplete.bash("sealer", spec.root().commandLine()));
        return 0;
    }
}
