package io.sealer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sealer.api.cluster.ClusterPlan;
import io.sealer.api.cluster.PlannedStep;
import java.io.PrintStream;
import java.util.List;

/**
 * A dry run's plan for people ({@link #text}) or programs ({@link #json}). The text lists the steps in plan order, a
 * blank line between phases: the step id, host, phase, kind and description on one line, the command (or the
 * destination of a transfer, or the plugin phase of a hook) indented below it, then the plan's notes. Commands keep
 * the plan's placeholders ({@code <token>}); any {@code password=value} pair in them is masked.
 */
final class PlanPrinter {
    /** A {@code --dry-run}'s output format. */
    enum Format { text, json }

    static final String INDENT = "    ";

    private PlanPrinter() {
    }

    /** Prints the plan in {@code format}. */
    static void print(PrintStream out, ClusterPlan plan, Format format) throws JsonProcessingException {
        if (format == Format.json) {
            Output.print(out, Output.json(), json(plan));
        } else {
            out.print(text(plan));
        }
    }

    /** The plan as people read it, ending with a newline. */
    static String text(ClusterPlan plan) {
        StringBuilder text = new StringBuilder();
        List<PlannedStep> steps = plan.steps();
        text.append("cluster ").append(plan.cluster()).append(": ");
        String image = plan.image().isEmpty() ? "" : "image " + plan.image();
        if (steps.isEmpty()) {
            text.append(ClusterPlan.NONE.equals(plan.kind()) ? "nothing to do, it already matches" : plan.kind()
                    + " with no steps").append(image.isEmpty() ? "" : " (" + image + ")").append('\n');
        } else {
            text.append(plan.kind()).append(image.isEmpty() ? "" : ", " + image);
            text.append(", ").append(steps.size()).append(steps.size() == 1 ? " step" : " steps").append(" on ")
                    .append(plan.hosts().size()).append(plan.hosts().size() == 1 ? " host" : " hosts").append('\n');
            int idWidth = width("STEP", steps.stream().map(PlannedStep::id).toList());
            int hostWidth = width("HOST", steps.stream().map(PlannedStep::host).toList());
            int phaseWidth = width("PHASE", steps.stream().map(PlannedStep::phase).toList());
            int kindWidth = width("KIND", steps.stream().map(PlannedStep::kind).toList());
            text.append('\n');
            row(text, new String[] {"STEP", "HOST", "PHASE", "KIND", "DESCRIPTION"},
                    idWidth, hostWidth, phaseWidth, kindWidth);
            text.append(INDENT).append("COMMAND").append('\n');
            String phase = null;
            for (PlannedStep step : steps) {
                if (phase != null && !phase.equals(step.phase())) {
                    text.append('\n');
                }
                phase = step.phase();
                row(text, new String[] {step.id(), step.host(), step.phase(), step.kind(), step.description()},
                        idWidth, hostWidth, phaseWidth, kindWidth);
                if (!step.command().isEmpty()) {
                    String prefix = switch (step.kind()) {
                        case "exec" -> "$ ";
                        case "send" -> "-> ";
                        case "hook" -> "hook ";
                        default -> "";
                    };
                    String[] lines = Output.maskInline(step.command()).split("\\R", -1);
                    for (int i = 0; i < lines.length; i++) {
                        text.append(INDENT).append(i == 0 ? prefix : " ".repeat(prefix.length())).append(lines[i])
                                .append('\n');
                    }
                }
            }
        }
        if (!plan.notes().isEmpty()) {
            text.append('\n').append("Notes:").append('\n');
            plan.notes().forEach(note -> text.append("- ").append(note).append('\n'));
        }
        return text.toString();
    }

    /**
     * The plan as JSON, its record components under their names ({@code cluster}, {@code image}, {@code kind},
     * {@code steps[]} with {@code id}, {@code phase}, {@code host}, {@code kind}, {@code description},
     * {@code command}, {@code after}; {@code notes}), plus {@code hosts} in first-use order.
     */
    static JsonNode json(ClusterPlan plan) {
        ObjectNode tree = Output.json().valueToTree(plan);
        tree.set("hosts", Output.json().valueToTree(List.copyOf(plan.hosts())));
        for (JsonNode step : tree.path("steps")) {
            ((ObjectNode) step).put("command", Output.maskInline(step.path("command").asText()));
        }
        return tree;
    }

    private static int width(String header, List<String> values) {
        return Math.max(header.length(), values.stream().mapToInt(String::length).max().orElse(0));
    }

    private static void row(StringBuilder text, String[] cells, int... widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            line.append(cells[i]);
            if (i < widths.length) {
                line.append(" ".repeat(widths[i] - cells[i].length() + 2));
            }
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }
}
