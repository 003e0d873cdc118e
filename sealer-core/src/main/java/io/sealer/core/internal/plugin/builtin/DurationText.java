package io.sealer.core.internal.plugin.builtin;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations written as Go writes them: {@code 30s}, {@code 15m}, {@code 1h30m}, {@code 1.5h}, {@code 500ms}. */
final class DurationText {
    private static final Pattern WHOLE = Pattern.compile("(\\d+(\\.\\d+)?(ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private DurationText() {
    }

    /** The duration, or empty when the text is not one. */
    static Optional<Duration> parse(String text) {
        if (!WHOLE.matcher(text).matches()) {
            return Optional.empty();
        }
        BigDecimal millis = BigDecimal.ZERO;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            BigDecimal unit = switch (m.group(2)) {
                case "ms" -> BigDecimal.ONE;
                case "s" -> BigDecimal.valueOf(1_000);
                case "m" -> BigDecimal.valueOf(60_000);
                default -> BigDecimal.valueOf(3_600_000);
            };
            millis = millis.add(new BigDecimal(m.group(1)).multiply(unit));
        }
        try {
            return Optional.of(Duration.ofMillis(millis.longValueExact()));
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** The duration as {@link #parse} reads it back, e.g. {@code 15m}, {@code 1h30m}, {@code 45s}. */
    static String format(Duration duration) {
        StringBuilder text = new StringBuilder();
        long hours = duration.toHours();
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (duration.toMinutesPart() > 0) {
            text.append(duration.toMinutesPart()).append('m');
        }
        if (duration.toSecondsPart() > 0) {
            text.append(duration.toSecondsPart()).append('s');
        }
        if (duration.toMillisPart() > 0 || text.length() == 0) {
            text.append(duration.toMillisPart()).append("ms");
        }
        return text.toString();
    }
}
