package io.bisonsync.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;

/**
 * Records every log event while open (attached to the root logger). {@link #atDebug()} also lowers the root level
 * to DEBUG for the capture, for tests that must see everything the application could ever log.
 */
public final class LogCapture implements AutoCloseable {

    /** One event: level, logger, formatted message, and its stack trace (empty without one). */
    public record Line(Level level, String logger, String message, String stackTrace) {

        public boolean hasStackTrace() {
            return !stackTrace.isEmpty();
        }
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final Level previousLevel;

    public LogCapture() {
        this(false);
    }

    private LogCapture(boolean debug) {
        appender = new AbstractAppender("capture-" + UUID.randomUUID(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(new Line(event.getLevel(), event.getLoggerName(), event.getMessage().getFormattedMessage(),
                        stackTrace(event.getThrown())));
            }
        };
        appender.start();
        Configuration config = context.getConfiguration();
        previousLevel = config.getRootLogger().getLevel();
        config.getRootLogger().addAppender(appender, Level.ALL, null);
        if (debug) {
            config.getRootLogger().setLevel(Level.DEBUG);
        }
        context.updateLoggers();
    }

    /** A capture with the root logger at DEBUG (loggers configured explicitly keep their level). */
    public static LogCapture atDebug() {
        return new LogCapture(true);
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** Everything logged, one event per line followed by its stack trace, for contains-assertions. */
    public String text() {
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append(l.level()).append(' ').append(l.logger()).append(" - ").append(l.message()).append('\n')
                .append(l.stackTrace()));
        return out.toString();
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        config.getRootLogger().removeAppender(appender.getName());
        config.getRootLogger().setLevel(previousLevel);
        context.updateLoggers();
        appender.stop();
    }

    /**
     * Adds every event to {@code written} as the console appender formats it (escapes included) until closed: what
     * an operator's terminal would show.
     */
    public static AutoCloseable consoleAsWritten(List<String> written) {
        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        Configuration config = logging.getConfiguration();
        Layout<?> layout = config.getAppender("console").getLayout();
        AbstractAppender appender = new AbstractAppender("as-written-" + UUID.randomUUID(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                written.add(layout.toSerializable(event).toString());
            }
        };
        appender.start();
        config.getRootLogger().addAppender(appender, Level.ALL, null);
        logging.updateLoggers();
        return () -> {
            config.getRootLogger().removeAppender(appender.getName());
            logging.updateLoggers();
            appender.stop();
        };
    }

    private static String stackTrace(Throwable thrown) {
        if (thrown == null) {
            return "";
        }
        StringWriter out = new StringWriter();
        thrown.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
