package io.sealer.core.internal.plan;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** What a {@link Step} does on its host. Texts may hold {@link Facts} placeholders, filled in when the step runs. */
public sealed interface StepAction {
    /** The step's kind as a dry run shows it: {@code exec}, {@code send} or {@code hook}. */
    String kind();

    /** The action as one line for a dry run (placeholders shown as {@code <name>}). */
    String display();

    /** Everything that makes the action what it is, as text (for the plan's fingerprint). */
    String identity();

    /**
     * A remote shell command.
     *
     * @param script the command, run by bash (through sudo for a non-root user)
     * @param env variables exported before it, as sealer's remote commands expect them
     * @param secrets values to keep out of logs, events and messages
     * @param capture what to read from the command's output into the run's facts, if anything
     */
    record Exec(String script, Map<String, String> env, Set<String> secrets, Optional<Capture> capture)
            implements StepAction {
        public Exec {
            Objects.requireNonNull(script, "script");
            env = java.util.Collections.unmodifiableMap(new TreeMap<>(env));
            secrets = Set.copyOf(secrets);
            Objects.requireNonNull(capture, "capture");
        }

        /** A command without environment, secrets or capture. */
        public static Exec of(String script) {
            return new Exec(script, Map.of(), Set.of(), Optional.empty());
        }

        /** A command with the environment. */
        public static Exec withEnv(String script, Map<String, String> env) {
            return new Exec(script, env, Set.of(), Optional.empty());
        }

        @Override
        public String kind() {
            return "exec";
        }

        @Override
        public String display() {
            return Facts.forDisplay(redact(script));
        }

        @Override
        public String identity() {
            return script + "\0" + env + "\0" + capture;
        }

        private String redact(String text) {
            String out = text;
            for (String secret : secrets) {
                if (!secret.isEmpty()) {
                    out = out.replace(secret, "***");
                }
            }
            return out;
        }
    }

    /**
     * A local directory sent to the host as one tree (skipped when the host already holds {@code contentId}).
     *
     * @param local the directory on this machine
     * @param remoteDir where it goes on the host (replaced as a whole)
     * @param contentId identifies the content, recorded on the host
     */
    record SendTree(Path local, String remoteDir, String contentId) implements StepAction {
        public SendTree {
            Objects.requireNonNull(local, "local");
            Objects.requireNonNull(remoteDir, "remoteDir");
            Objects.requireNonNull(contentId, "contentId");
        }

        @Override
        public String kind() {
            return "send";
        }

        @Override
        public String display() {
            return remoteDir + " (" + contentId + ") from " + local;
        }

        @Override
        public String identity() {
            return remoteDir + "\0" + contentId;
        }
    }

    /**
     * A small file written on the host (its directory created), replacing what was there atomically.
     *
     * @param content the file's text
     * @param remotePath absolute path on the host
     * @param mode octal permission bits, e.g. {@code 0644}
     */
    record SendFile(String content, String remotePath, String mode) implements StepAction {
        public SendFile {
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(remotePath, "remotePath");
            if (!mode.matches("0[0-7]{3}")) {
                throw new IllegalArgumentException("mode must be octal like 0644, got " + mode);
            }
        }

        @Override
        public String kind() {
            return "send";
        }

        @Override
        public String display() {
            return "write " + remotePath + " (" + content.length() + " characters, mode " + mode + ")";
        }

        @Override
        public String identity() {
            return remotePath + "\0" + mode + "\0" + content;
        }
    }

    /**
     * One Plugin document's run in a phase (the plugin runtime runs it; its commands go to {@code targets}).
     *
     * @param phase the phase as the document names it ({@code PreInit}, {@code post-install})
     * @param plugin the document's {@code metadata.name}
     * @param type the document's {@code spec.type}
     * @param targets the hosts its {@code on}/{@code scope} selects among the phase's hosts
     */
    record Hook(String phase, String plugin, String type, List<String> targets) implements StepAction {
        public Hook {
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(plugin, "plugin");
            Objects.requireNonNull(type, "type");
            targets = List.copyOf(targets);
        }

        @Override
        public String kind() {
            return "hook";
        }

        @Override
        public String display() {
            return "plugin " + plugin + " (" + type + ") in phase " + phase + " on " + targets;
        }

        @Override
        public String identity() {
            return phase + "\0" + plugin + "\0" + type + "\0" + targets;
        }
    }
}
