package io.sealer.api.kubefile;

/**
 * One Kubefile instruction. Every instruction knows where it starts and how it was written, so a later stage (the
 * build) can report problems with the same precision as the parser.
 */
public sealed interface Instruction
        permits From, Copy, Run, Cmd, Arg, Label, Env, Maintainer, AppDeclaration, Launch, Cmds, AppCmds,
        KubeVersion, AppEnv {

    /** 1-based physical line on which the instruction starts. */
    int line();

    /** The logical line as written (continuations joined, surrounding white space trimmed). */
    String original();

    /** The instruction keyword in upper case, e.g. {@code FROM}. */
    String keyword();
}
