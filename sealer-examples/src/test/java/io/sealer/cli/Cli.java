package io.sealer.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs the program in-process with captured streams: {@code Cli.in(dir).env(...).run(args)}. */
final class Cli {
    private final Path workingDir;
    private final Map<String, String> environment;
    private final String stdin;

    private Cli(Path workingDir, Map<String, String> environment, String stdin) {
        this.workingDir = workingDir;
        this.environment = environment;
        this.stdin = stdin;
    }

    /** A program working in {@code dir} with an empty environment. */
    static Cli in(Path dir) {
        return new Cli(dir, Map.of(), "");
    }

    /** The same program with this environment. */
    Cli env(Map<String, String> value) {
        return new Cli(workingDir, value, stdin);
    }

    /** One run: its exit code and what it printed. */
    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SealerCli cli = new SealerCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), environment, workingDir);
        int code = cli.run(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A parse only, no execution: the command tree of a program in {@code dir}. */
    static picocli.CommandLine commandLine(Path dir, Map<String, String> environment) {
        return new SealerCli(System.out, System.err, environment, dir).commandLine();
    }

    /** What one run did. */
    record Result(int code, String out, String err) {
        /** Standard error as lines. */
        java.util.List<String> errLines() {
            return err.lines().toList();
        }
    }
}
