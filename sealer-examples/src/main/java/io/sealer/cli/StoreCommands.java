package io.sealer.cli;

import io.sealer.api.image.ClusterImage;
import io.sealer.api.image.RemovalResult;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The small store commands: {@code tag}, {@code rmi}, {@code save}, {@code load} and {@code prune}. */
final class StoreCommands {
    private StoreCommands() {
    }

    static List<Command> all() {
        return List.of(new Tag(), new Rmi(), new Save(), new Load(), new Prune());
    }

    private static void printRemoval(CliContext context, RemovalResult result) {
        result.images().forEach(i -> context.out().println("removed image " + i));
        result.layers().forEach(l -> context.out().println("deleted layer " + l));
    }

    /** {@code sealer tag SOURCE TARGET}. */
    static final class Tag extends NamedCommand {
        Tag() {
            super("tag", "Give an image another name",
                    "tag SOURCE TARGET");
        }

        @Override
        public int run(List<String> args, CliContext context) {
            if (args.size() != 2) {
                throw new UsageException("tag needs SOURCE and TARGET");
            }
            for (ClusterImage image : context.client().tag(args.get(0), args.get(1))) {
                context.printImage("tagged", image, "");
            }
            return 0;
        }
    }

    /** {@code sealer rmi NAME [--platform p]}. */
    static final class Rmi extends NamedCommand {
        Rmi() {
            super("rmi", "Remove images and the layers nothing else uses",
                    "rmi [--platform os/arch] NAME...");
        }

        @Override
        public int run(List<String> arguments, CliContext context) {
            CliArgs args = CliArgs.parse(arguments, Set.of("--platform"), Set.of(), Map.of());
            if (args.positional().isEmpty()) {
                throw new UsageException("rmi needs at least one NAME");
            }
            var platform = args.option("--platform").map(BuildCommand::parsePlatform);
            for (String name : args.positional()) {
                printRemoval(context, context.client().removeImage(name, platform));
            }
            return 0;
        }
    }

    /** {@code sealer save -o FILE NAME...}. */
    static final class Save extends NamedCommand {
        Save() {
            super("save", "Write images into one tar file",
                    "save -o FILE NAME...");
        }

        @Override
        public int run(List<String> arguments, CliContext context) {
            CliArgs args = CliArgs.parse(arguments, Set.of("-o"), Set.of(), Map.of("--output", "-o"));
            String file = args.option("-o").orElseThrow(() -> new UsageException("save needs -o FILE"));
            if (args.positional().isEmpty()) {
                throw new UsageException("save needs at least one NAME");
            }
            context.client().save(context.path(file), args.positional());
            context.out().println("saved " + String.join(", ", args.positional()) + " to " + file);
            return 0;
        }
    }

    /** {@code sealer load -i FILE}. */
    static final class Load extends NamedCommand {
        Load() {
            super("load", "Load images from a file made by save, verifying every layer",
                    "load -i FILE");
        }

        @Override
        public int run(List<String> arguments, CliContext context) {
            CliArgs args = CliArgs.parse(arguments, Set.of("-i"), Set.of(), Map.of("--input", "-i"));
            String file = args.option("-i").orElseThrow(() -> new UsageException("load needs -i FILE"));
            if (!args.positional().isEmpty()) {
                throw new UsageException("load takes no NAME");
            }
            for (ClusterImage image : context.client().load(context.path(file))) {
                context.printImage("loaded", image, "");
            }
            return 0;
        }
    }

    /** {@code sealer prune}. */
    static final class Prune extends NamedCommand {
        Prune() {
            super("prune", "Remove unreferenced layers and leftovers of interrupted builds",
                    "prune");
        }

        @Override
        public int run(List<String> args, CliContext context) {
            if (!args.isEmpty()) {
                throw new UsageException("prune takes no arguments");
            }
            printRemoval(context, context.client().prune());
            return 0;
        }
    }

}
