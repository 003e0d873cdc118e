package io.sealer.cli;

import io.sealer.api.build.BuildRequest;
import io.sealer.api.image.Platform;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the command line of a plain {@code sealer build} without picocli. Building picocli's model of a command in a
 * fresh JVM costs about 70 ms of CPU (its annotations are read by reflection, each annotation type gets a proxy class
 * generated at run time, and its Java 5 classes are verified as they load), which a build, CPU-bound from its first
 * download, pays on top of its work.
 *
 * <p>It reads exactly what picocli would make of the same arguments, and only the forms it is sure of: the global
 * options ({@code --root}, {@code --config}, {@code -d}/{@code --debug}, {@code -q}/{@code --quiet}) anywhere, the
 * command word {@code build}, every option of {@code build} by each of its names as {@code --name VALUE} or
 * {@code --name=VALUE}, comma lists and repeats, and the one context directory. Anything else it declines, and picocli
 * reads the line as before and gives every message: help and version requests, unknown or clustered short options,
 * {@code -tNAME}, {@code --}, {@code @files}, a missing value or one that starts with {@code -}, quotes, empty list
 * items, a value picocli would reject, a second directory. Usage errors found while the command runs (no
 * {@code -t}) make picocli's model then, to report them as picocli-parsed commands do.
 */
final class QuickBuildLine {
    private static final Set<String> ROOT = Set.of("--root");
    private static final Set<String> CONFIG = Set.of("--config");
    private static final Set<String> DEBUG = Set.of("-d", "--debug");
    private static final Set<String> QUIET = Set.of("-q", "--quiet");
    private static final Set<String> NO_CACHE = Set.of("--no-cache");
    private static final Set<String> NO_IMAGE_CACHE = Set.of("--no-image-cache");
    private static final Set<String> MIRROR_FALLBACK = Set.of("--mirror-fallback");
    private static final Set<String> TAG = Set.of("-t", "--tag");
    private static final Set<String> MODE = Set.of("-m", "--mode", "--build-mode");
    private static final Set<String> KUBEFILE = Set.of("-f", "--file", "--kubefile");
    private static final Set<String> MIRROR = Set.of("--mirror");
    private static final Set<String> IMAGE_SOURCE = Set.of("--image-source");
    private static final Set<String> MAX_PULLS = Set.of("--max-pulls");
    private static final Set<String> PLATFORM = Set.of("--platform");
    private static final Set<String> BUILD_ARG = Set.of("--build-arg");
    private static final Set<String> IMAGE_LIST = Set.of("--image-list");
    private static final Set<String> IGNORED_IMAGE_LIST = Set.of("--ignored-image-list");
    private static final Set<String> INSECURE_REGISTRY = Set.of("--insecure-registry");

    /** The names of the options without a value, then of those with one: what {@code sealer build} declares. */
    static final List<Set<String>> FLAGS = List.of(DEBUG, QUIET, NO_CACHE, NO_IMAGE_CACHE, MIRROR_FALLBACK);
    static final List<Set<String>> VALUED = List.of(ROOT, CONFIG, TAG, MODE, KUBEFILE, MIRROR, IMAGE_SOURCE,
            MAX_PULLS, PLATFORM, BUILD_ARG, IMAGE_LIST, IGNORED_IMAGE_LIST, INSECURE_REGISTRY);

    private final SealerCommand sealer;
    private final BuildCommand build = new BuildCommand();
    private boolean sawCommand;

    private QuickBuildLine(SealerCommand sealer) {
        this.sealer = sealer;
        build.sealer = sealer;
        build.inputs = new BuildInputs();
        build.registry = new RegistryOptions();
    }

    /**
     * The {@code build} command these arguments describe, its global options set on {@code sealer} and picocli's
     * defaults applied; empty when they are not a plain build (picocli reads them then).
     */
    static Optional<BuildCommand> parse(SealerCommand sealer, Defaults defaults, String... args) {
        QuickBuildLine line = new QuickBuildLine(sealer);
        try {
            line.read(args);
            line.applyDefaults(defaults);
        } catch (Declined e) {
            return Optional.empty();
        }
        return Optional.of(line.build);
    }

    private void read(String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("@")) {
                throw new Declined(); // picocli expands @files
            }
            if (!arg.startsWith("-")) {
                word(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            if (flag(name)) {
                if (!name.equals(arg)) {
                    throw new Declined(); // --no-cache=true: picocli's business
                }
                continue;
            }
            String value;
            if (!name.equals(arg)) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new Declined(); // a missing value
            }
            valued(name, value);
        }
    }

    /** The command word, then the one context directory; anything before {@code build} but globals is declined. */
    private void word(String arg) {
        if (!sawCommand && !arg.equals("build")) {
            throw new Declined();
        }
        if (!sawCommand) {
            sawCommand = true;
        } else if (build.inputs.context == null) {
            build.inputs.context = path(arg);
        } else {
            throw new Declined(); // a second directory
        }
    }

    private boolean flag(String name) {
        if (DEBUG.contains(name)) {
            sealer.debug = true;
        } else if (QUIET.contains(name)) {
            sealer.quiet = true;
        } else if (NO_CACHE.contains(name)) {
            build.noCache = commandOption();
        } else if (NO_IMAGE_CACHE.contains(name)) {
            build.noImageCache = commandOption();
        } else if (MIRROR_FALLBACK.contains(name)) {
            build.mirrorFallback = commandOption();
        } else {
            return false;
        }
        return true;
    }

    private void valued(String name, String value) {
        if (value.isEmpty() || value.startsWith("-") || value.startsWith("@") || value.indexOf('"') >= 0
                || value.indexOf('\'') >= 0) {
            throw new Declined();
        }
        if (ROOT.contains(name)) {
            sealer.root = path(value);
            return;
        }
        if (CONFIG.contains(name)) {
            sealer.dockerConfig = path(value);
            return;
        }
        commandOption();
        BuildInputs inputs = build.inputs;
        if (TAG.contains(name)) {
            build.tag = value;
        } else if (MODE.contains(name)) {
            build.mode = value;
        } else if (KUBEFILE.contains(name)) {
            inputs.kubefile = value;
        } else if (MIRROR.contains(name)) {
            build.mirrors.add(value);
        } else if (IMAGE_SOURCE.contains(name)) {
            build.imageSources.add(path(value));
        } else if (MAX_PULLS.contains(name)) {
            build.maxPulls = number(value);
        } else if (PLATFORM.contains(name)) {
            for (String item : items(value)) {
                inputs.platforms.add(platform(item));
            }
        } else if (BUILD_ARG.contains(name)) {
            for (String item : items(value)) {
                int eq = item.indexOf('=');
                if (eq <= 0) {
                    throw new Declined();
                }
                inputs.buildArgs.put(item.substring(0, eq), item.substring(eq + 1));
            }
        } else if (IMAGE_LIST.contains(name)) {
            inputs.imageLists.add(path(value));
        } else if (IGNORED_IMAGE_LIST.contains(name)) {
            inputs.ignoredImageLists.add(path(value));
        } else if (INSECURE_REGISTRY.contains(name)) {
            build.registry.insecureRegistries.addAll(List.of(items(value)));
        } else {
            throw new Declined(); // unknown, clustered (-qd) or attached (-tNAME)
        }
    }

    /** An option of build itself: only after the command word (before it, picocli reports it for sealer). */
    private boolean commandOption() {
        if (!sawCommand) {
            throw new Declined();
        }
        return true;
    }

    private void applyDefaults(Defaults defaults) {
        if (!sawCommand || build.inputs.context == null) {
            throw new Declined(); // not a build, or picocli's "missing DIR"
        }
        if (sealer.root == null) {
            sealer.root = path(defaults.forOption("--root"));
        }
        if (sealer.dockerConfig == null) {
            String config = defaults.forOption("--config");
            sealer.dockerConfig = config == null ? null : path(config);
        }
        if (build.mode == null) {
            build.mode = BuildRequest.MODE_LITE;
        }
        if (build.inputs.kubefile == null) {
            build.inputs.kubefile = "Kubefile";
        }
        if (build.maxPulls == 0) { // not given: the value given is never 0
            build.maxPulls = Integer.parseInt(defaults.forOption("--max-pulls"));
        }
    }

    /** Comma-separated items, none empty. */
    private static String[] items(String value) {
        String[] items = value.split(",", -1);
        for (String item : items) {
            if (item.isEmpty()) {
                throw new Declined();
            }
        }
        return items;
    }

    private static Path path(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new Declined();
        }
    }

    /** A decimal number of one to nine digits, above zero: what picocli's int conversion surely accepts too. */
    private static int number(String value) {
        if (value.length() > 9 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Declined();
        }
        int n = Integer.parseInt(value);
        if (n < 1) {
            throw new Declined(); // the command's own usage error
        }
        return n;
    }

    private static Platform platform(String value) {
        try {
            return Platform.parse(value.trim());
        } catch (IllegalArgumentException e) {
            throw new Declined();
        }
    }

    /** The arguments are not a plain build: picocli reads them. */
    private static final class Declined extends RuntimeException {
        Declined() {
            super(null, null, false, false);
        }
    }
}
