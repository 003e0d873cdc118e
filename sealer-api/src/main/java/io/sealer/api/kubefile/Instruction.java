package io.sealer.api.kubefile;

/**
 * One Kubefile instruction. Every instruction knows where it starts and how it was written, so a later stage (the
 * build) can report problems with the same precision as the parser.
 */
public sealed interface Instruction
        permits From, Copy, Add, Run, Cmd, Arg, Label, Env, Maintainer, AppDeclaration, Launch, Cmds, AppCmds,
        KubeVersion, AppEnv {

    /** 1-based physical line on which the instruction starts. */
    int line();

    /** The logical line as written (continuations joined, surrounding white space trimmed). */
    String original();

    /** The instruction keyword in upper case, e.g. {@code FROM}. */
    String keyword();

    /** Calls the {@code visitor} method for this kind of instruction. */
    <R> R accept(Visitor<R> visitor);

    /**
     * One method per kind of instruction. A new kind of instruction adds its method here, so every visitor fails to
     * compile until it handles it: nothing can ignore an instruction silently.
     *
     * @param <R> what a visit returns ({@link Void} for none)
     */
    interface Visitor<R> {
        R visit(From from);

        R visit(Copy copy);

        R visit(Add add);

        R visit(Run run);

        R visit(Cmd cmd);

        R visit(Arg arg);

        R visit(Label label);

        R visit(Env env);

        R visit(Maintainer maintainer);

        R visit(App app);

        R visit(Cni cni);

        R visit(Csi csi);

        R visit(Launch launch);

        R visit(Cmds cmds);

        R visit(AppCmds appCmds);

        R visit(KubeVersion kubeVersion);

        R visit(AppEnv appEnv);
    }
}
