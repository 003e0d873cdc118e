package io.sealer.core.internal.apply;

import io.sealer.api.event.Progress;
import io.sealer.api.event.ProgressEvent;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link System.Logger} a plugin gets: its lines go to SLF4J (logger {@code io.sealer.plugin.<name>}) and, from
 * INFO up, to the hook step's events as output lines, with the run's secrets hidden.
 */
final class PluginLogger implements System.Logger {
    private final String name;
    private final Logger log;
    private final Progress progress;
    private final UnaryOperator<String> redact;

    PluginLogger(String plugin, Progress progress, UnaryOperator<String> redact) {
        this.name = "io.sealer.plugin." + plugin;
        this.log = LoggerFactory.getLogger(name);
        this.progress = progress;
        this.redact = redact;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        return switch (level) {
            case ALL, TRACE -> log.isTraceEnabled();
            case DEBUG -> log.isDebugEnabled();
            case INFO -> true;
            case WARNING -> true;
            case ERROR -> true;
            case OFF -> false;
        };
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        emit(level, message == null ? "" : message, thrown);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        String text = format == null ? "" : params == null || params.length == 0 ? format
                : MessageFormat.format(format, params);
        emit(level, text, null);
    }

    private void emit(Level level, String raw, Throwable thrown) {
        String text = redact.apply(raw);
        switch (level) {
            case ALL, TRACE -> log.trace(text);
            case DEBUG -> log.debug(text);
            case INFO -> log.info(text);
            case WARNING -> log.warn(text);
            case ERROR -> log.error(text);
            case OFF -> {
                return;
            }
        }
        if (level.getSeverity() >= Level.INFO.getSeverity()) {
            String line = thrown == null ? text : text + ": " + redact.apply(String.valueOf(thrown.getMessage()));
            if (level == Level.WARNING || level == Level.ERROR) {
                progress.warning(name, line);
            } else {
                progress.log(ProgressEvent.Stream.STDOUT, line);
            }
        }
    }
}
