package io.bisonsync.support;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Captures everything logged (all levels, messages and stack traces) while it is open. */
public final class LogCapture implements AutoCloseable {

    private final StringWriter out = new StringWriter();
    private final Appender appender;
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final Level previousLevel;

    public LogCapture() {
        Configuration config = context.getConfiguration();
        appender = WriterAppender.newBuilder().setName("capture-" + System.nanoTime()).setTarget(out)
                .setLayout(PatternLayout.newBuilder().withPattern("%level %logger %m%n%throwable").build()).build();
        appender.start();
        previousLevel = config.getRootLogger().getLevel();
        config.getRootLogger().addAppender(appender, Level.ALL, null);
        config.getRootLogger().setLevel(Level.DEBUG);
        context.updateLoggers();
    }

    public String text() {
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
}
