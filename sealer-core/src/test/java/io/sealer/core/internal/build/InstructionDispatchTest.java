package io.sealer.core.internal.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealer.api.kubefile.Instruction;
import io.sealer.core.internal.kubefile.KubefileParser;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every kind of Kubefile instruction has a handler: {@code PlatformBuild}'s handlers implement
 * {@link Instruction.Visitor}, which has one method per kind, and every instruction dispatches to its own method.
 */
class InstructionDispatchTest {
    /**
     * One instruction of every kind, in two Kubefiles since LAUNCH excludes CMD and CMDS; a new kind of
     * instruction must be added here.
     */
    private static final List<String> EVERY_KIND = List.of("""
            FROM scratch
            COPY a b
            ADD c d
            RUN echo hi
            ARG A=1
            LABEL l=v
            ENV E=1
            MAINTAINER someone
            APP web local://web.yaml
            CNI calico local://calico.yaml
            CSI openebs local://openebs.yaml
            APPCMDS web ["kubectl apply -f web.yaml"]
            KUBEVERSION >=1.20.0
            APPENV web MODE=prod
            LAUNCH ["web"]
            """, """
            FROM scratch
            CMD kubectl get nodes
            CMDS ["kubectl get pods"]
            """);

    /** The concrete instruction types: the leaves of the sealed hierarchy. */
    private static List<Class<?>> kinds(Class<?> type) {
        if (!type.isSealed()) {
            return List.of(type);
        }
        List<Class<?>> out = new ArrayList<>();
        for (Class<?> sub : type.getPermittedSubclasses()) {
            out.addAll(kinds(sub));
        }
        return out;
    }

    @Test
    void theVisitorHasOneMethodPerKindOfInstruction() {
        List<Class<?>> kinds = kinds(Instruction.class);
        Set<Class<?>> visited = Arrays.stream(Instruction.Visitor.class.getMethods())
                .filter(m -> m.getName().equals("visit") && m.getParameterCount() == 1)
                .map(m -> m.getParameterTypes()[0]).collect(Collectors.toSet());

        assertThat(kinds).hasSize(17).allSatisfy(kind -> assertThat(kind.isRecord()).as("%s", kind).isTrue());
        assertThat(visited).containsExactlyInAnyOrderElementsOf(kinds);
    }

    @Test
    void everyInstructionDispatchesToTheMethodForItsKind() {
        List<Instruction> instructions = new ArrayList<>();
        for (String text : EVERY_KIND) {
            instructions.addAll(new KubefileParser().parse("Kubefile", text).instructions());
        }
        List<Class<?>> seen = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Instruction.Visitor<Class<?>> recorder = (Instruction.Visitor<Class<?>>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Instruction.Visitor.class},
                (proxy, method, args) -> parameterOf(method));

        for (Instruction instruction : instructions) {
            Class<?> handled = instruction.accept(recorder);
            assertThat(handled).as(instruction.original()).isEqualTo(instruction.getClass());
            seen.add(handled);
        }

        assertThat(seen).as("the sample has every kind").containsAll(kinds(Instruction.class));
    }

    private static Class<?> parameterOf(Method method) {
        return method.getParameterTypes()[0];
    }
}
