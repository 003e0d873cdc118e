package io.sealer.core.internal.plugin.builtin;

import java.util.Set;

/**
 * A taint to add or remove, as written in {@code TAINT} data.
 *
 * @param key the taint key
 * @param value the value; empty when none was given (and for removals, which Kubernetes matches on key and effect)
 * @param effect {@code NoSchedule}, {@code PreferNoSchedule} or {@code NoExecute}; empty only for {@code key-}
 * @param remove true for a removal ({@code key=value:Effect-}, {@code key:Effect-}, {@code key-})
 */
record Taint(String key, String value, String effect, boolean remove) {
    /** The effects Kubernetes knows. */
    static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    /**
     * Parses one taint as sealer v1 did ({@code taint_plugin.go formatData}), plus Kubernetes' checks of key and value:
     * {@code key=value:Effect} and {@code key:Effect} or {@code key=:Effect} add; the same ending in {@code -} remove;
     * {@code key-} removes every taint with the key.
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    static Taint parse(String text) {
        if (text.endsWith("-") && !text.contains(":") && !text.contains("=")) {
            return checked(new Taint(text.substring(0, text.length() - 1), "", "", true));
        }
        String[] keyValueAndEffect = text.split(":", -1);
        if (keyValueAndEffect.length != 2) {
            throw new IllegalArgumentException("expected key=value:Effect, key:Effect, key=value:Effect- or key-");
        }
        String effectPart = keyValueAndEffect[1];
        boolean remove = effectPart.endsWith("-");
        String effect = remove ? effectPart.substring(0, effectPart.length() - 1) : effectPart;
        if (!EFFECTS.contains(effect)) {
            throw new IllegalArgumentException("effect '" + effect + "' is not one of NoExecute, NoSchedule,"
                    + " PreferNoSchedule");
        }
        String[] keyValue = keyValueAndEffect[0].split("=", -1);
        if (keyValue.length > 2 || keyValue[0].isEmpty()) {
            throw new IllegalArgumentException("'" + keyValueAndEffect[0] + "' is not key or key=value");
        }
        return checked(new Taint(keyValue[0], keyValue.length == 2 && !remove ? keyValue[1] : "", effect, remove));
    }

    private static Taint checked(Taint taint) {
        KubernetesNames.qualifiedNameProblem(taint.key()).or(() -> KubernetesNames.labelValueProblem(taint.value()))
                .ifPresent(problem -> {
                    throw new IllegalArgumentException("taint " + problem);
                });
        return taint;
    }

    /** The argument of {@code kubectl taint}: {@code key=value:Effect}, {@code key:Effect-} or {@code key-}. */
    String argument() {
        if (effect.isEmpty()) {
            return key + "-";
        }
        String keyValue = value.isEmpty() ? key : key + "=" + value;
        return keyValue + ":" + effect + (remove ? "-" : "");
    }
}
