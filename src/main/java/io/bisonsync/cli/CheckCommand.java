package io.bisonsync.cli;

import io.bisonsync.config.BisonSettings;
import io.bisonsync.config.InstanceSettings;
import java.io.PrintStream;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * {@code --check}: once Camel started, the configuration is valid and the database reached; probes each instance's
 * keys ({@link InstanceCheck}), one line per instance, no sync; {@link ExitCode#SUCCESS} when every instance is fine.
 */
public final class CheckCommand extends MainListenerSupport {

    private final PrintStream out;
    private volatile ExitCode exitCode = ExitCode.NOT_SUCCESSFUL;

    public CheckCommand(PrintStream out) {
        this.out = out;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        BisonSettings settings = main.getCamelContext().getRegistry().lookupByNameAndType("bisonSettings", BisonSettings.class);
        out.println("bison-sync: configuration valid, database reachable; probing " + settings.instances().size() + " instance(s)");
        InstanceCheck probe = new InstanceCheck(settings.http().connectTimeout(), settings.http().readTimeout());
        boolean ok = true;
        for (InstanceSettings instance : settings.instances()) {
            InstanceCheck.Result result = probe.check(instance);
            out.println(result.line());
            ok &= result.ok();
        }
        exitCode = ok ? ExitCode.SUCCESS : ExitCode.NOT_SUCCESSFUL;
        if (main instanceof Main m) {
            m.completed();
        }
    }
}
