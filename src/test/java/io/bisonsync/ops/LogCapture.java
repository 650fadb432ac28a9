package io.bisonsync.ops;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** Records every log event of the application while open (attached to the root logger). */
final class LogCapture implements AutoCloseable {

    /** One event: level, logger, formatted message, and whether it carried a stack trace. */
    record Line(Level level, String logger, String message, boolean stackTrace) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;

    LogCapture() {
        appender = new AbstractAppender("capture-" + UUID.randomUUID(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(new Line(event.getLevel(), event.getLoggerName(), event.getMessage().getFormattedMessage(),
                        event.getThrown() != null));
            }
        };
        appender.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().addAppender(appender, null, null);
        context.updateLoggers();
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    /** Everything logged, one event per line, for contains-assertions. */
    String text() {
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append(l.level()).append(' ').append(l.logger()).append(" - ").append(l.message()).append('\n'));
        return out.toString();
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
