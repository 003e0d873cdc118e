package io.sealer.benchmarks.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The sealer CLI caching the benchmark's images as a user would: {@code sealer build} of a Kubefile that is only
 * {@code FROM scratch}, with the images in an {@code --image-list} file, into a fresh store, through the launcher
 * ({@code sealer-examples/bin/sealer}) in a new process. The build writes the registry-cache layer and commits it (and
 * the image) to the store, which is part of what the command costs.
 */
final class SealerCli {
    private final String launcher;
    private final Path context;
    private final Path imageList;
    private final Path dockerConfig;

    private SealerCli(String launcher, Path context, Path imageList, Path dockerConfig) {
        this.launcher = launcher;
        this.context = context;
        this.imageList = imageList;
        this.dockerConfig = dockerConfig;
    }

    /** Writes the build context, the image list and an empty docker config under {@code dir}. */
    static SealerCli prepare(String launcher, Path dir, List<String> images) throws IOException {
        Path context = Files.createDirectories(dir.resolve("context"));
        Files.writeString(context.resolve("Kubefile"), "FROM scratch\n");
        Path list = dir.resolve("images.txt");
        Files.writeString(list, String.join("\n", images) + "\n");
        Path docker = Files.createDirectories(dir.resolve("docker"));
        return new SealerCli(launcher, context, list, docker);
    }

    /** The command line of a build into {@code store}, with {@code extra} global options (e.g. {@code -d}). */
    List<String> buildCommand(Path store, int parallel, List<String> extra) {
        List<String> command = new ArrayList<>(List.of(launcher, "--root", store.toString(), "--config",
                dockerConfig.toString()));
        command.addAll(extra);
        command.addAll(List.of("build", "-t", "bench/cache:v1", "--platform", "linux/amd64", "--no-cache",
                "--max-pulls", Integer.toString(parallel), "--image-list", imageList.toString(),
                context.toString()));
        return command;
    }

    /** Runs a build to completion; its output goes to {@code log}; fails unless it exits 0. */
    void build(Path store, int parallel, Map<String, String> environment, List<String> extra, Path log)
            throws IOException, InterruptedException {
        run(buildCommand(store, parallel, extra), environment, log);
    }

    /** Runs the launcher with {@code args} (e.g. {@code version}). */
    void launcher(List<String> args, Map<String, String> environment, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher));
        command.addAll(args);
        run(command, environment, log);
    }

    String launcherPath() {
        return launcher;
    }

    /** The CLI jar next to the launcher: {@code <module>/target/sealer.jar}. */
    Path jar() {
        return Path.of(launcher).toAbsolutePath().getParent().getParent().resolve("target/sealer.jar");
    }

    static void run(List<String> command, Map<String, String> environment, Path log)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            if (!process.waitFor(20, TimeUnit.MINUTES)) {
                throw new IllegalStateException("timed out: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " exited " + process.exitValue() + ": "
                        + Commands.tail(log));
            }
        } finally {
            Commands.stop(process);
        }
    }

    /** The registry storage ({@code .../registry/docker/registry/v2}) of the one cache layer in {@code store}. */
    Path cacheLayer(Path store) throws IOException {
        try (Stream<Path> dirs = Files.walk(store, 8)) {
            List<Path> found = dirs.filter(p -> p.endsWith(Path.of("registry", "docker", "registry", "v2"))
                    && !store.relativize(p).toString().contains("tmp/")).toList();
            CacheBenchmarkMain.expect(found.size() == 1, "expected one registry-cache layer in " + store
                    + ", found " + found);
            return found.get(0);
        }
    }
}
