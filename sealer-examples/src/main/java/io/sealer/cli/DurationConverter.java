package io.sealer.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A duration as people write it: {@code 90s}, {@code 30m}, {@code 1h30m}, {@code 500ms}, or ISO-8601 {@code PT30M}. */
final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern UNITS = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /** The duration, positive. */
    static Duration parse(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        Duration duration;
        if (text.startsWith("p")) {
            try {
                duration = Duration.parse(text.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw invalid(value);
            }
        } else {
            Matcher matcher = UNITS.matcher(text);
            if (text.isEmpty() || !matcher.matches()) {
                throw invalid(value);
            }
            try {
                duration = Duration.ofHours(number(matcher.group(1))).plusMinutes(number(matcher.group(2)))
                        .plusSeconds(number(matcher.group(3))).plusMillis(number(matcher.group(4)));
            } catch (ArithmeticException | NumberFormatException e) {
                throw invalid(value);
            }
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new TypeConversionException("'" + value + "' is not a positive duration");
        }
        return duration;
    }

    /** The duration in the form {@link #parse} reads: {@code 30m}, {@code 1h30m}, {@code 1m30s}, {@code 500ms}. */
    static String format(Duration duration) {
        StringBuilder text = new StringBuilder();
        long hours = duration.toHours();
        int minutes = duration.toMinutesPart();
        int seconds = duration.toSecondsPart();
        int millis = duration.toMillisPart();
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (minutes > 0) {
            text.append(minutes).append('m');
        }
        if (seconds > 0) {
            text.append(seconds).append('s');
        }
        if (millis > 0 || text.length() == 0) {
            text.append(millis).append("ms");
        }
        return text.toString();
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }

    private static TypeConversionException invalid(String value) {
        return new TypeConversionException("'" + value + "' is not a duration (examples: 90s, 30m, 1h30m)");
    }
}
