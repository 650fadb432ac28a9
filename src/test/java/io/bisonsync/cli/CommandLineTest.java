package io.bisonsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    /** camel-main's own options as BisonSyncApp reads them from camel-main (name to "takes a value"). */
    private static final Map<String, Boolean> CAMEL = Map.of("-d", true, "-duration", true, "-t", false, "-trace", false,
            "-pl", true, "-propertiesLocation", true);

    private static CommandLine parse(String... args) {
        return CommandLine.parse(args, CAMEL);
    }

    @Test
    void noFlagIsTheServiceAndEachFlagSelectsItsMode() {
        assertThat(parse().mode()).isEqualTo(CommandLine.Mode.SERVICE);
        assertThat(parse("--once").mode()).isEqualTo(CommandLine.Mode.ONCE);
        assertThat(parse("--check").mode()).isEqualTo(CommandLine.Mode.CHECK);
        assertThat(parse("--once", "--help").mode()).isEqualTo(CommandLine.Mode.HELP);
        assertThat(parse("--version").mode()).isEqualTo(CommandLine.Mode.VERSION);
        CommandLine verbose = parse("--verbose", "--once", "--config", "/etc/bison.properties");
        assertThat(verbose.verbose()).isTrue();
        assertThat(verbose.configFile()).isEqualTo("/etc/bison.properties");
    }

    @Test
    void aMisspeltFlagIsRefusedNamingItAndTheFlagItResembles() {
        assertThatThrownBy(() -> parse("--onse")).isInstanceOf(CommandLine.UsageException.class)
                .hasMessage("unknown option '--onse' (did you mean --once?)");
        assertThatThrownBy(() -> parse("--chek")).hasMessage("unknown option '--chek' (did you mean --check?)");
        assertThatThrownBy(() -> parse("--frobnicate")).hasMessage("unknown option '--frobnicate'");
        assertThatThrownBy(() -> parse("once")).hasMessage("unexpected argument 'once' (did you mean --once?)");
        assertThatThrownBy(() -> parse("-durration", "5")).hasMessage("unknown option '-durration' (did you mean -duration?)");
    }

    @Test
    void camelMainsOwnOptionsPassThroughWithTheirValues() {
        CommandLine cli = parse("--once", "-duration", "60", "-t", "-pl", "file:extra.properties");

        assertThat(cli.mode()).isEqualTo(CommandLine.Mode.ONCE);
        assertThat(cli.camelArgs()).containsExactly("-duration", "60", "-t", "-pl", "file:extra.properties");
        assertThatThrownBy(() -> parse("-duration")).hasMessage("camel-main option -duration needs a value");
    }

    @Test
    void configWithoutAFileAndOnceWithCheckAreRefused() {
        assertThatThrownBy(() -> parse("--config")).hasMessage("--config needs a file: --config FILE");
        assertThatThrownBy(() -> parse("--config", "--once")).hasMessage("--config needs a file: --config FILE");
        assertThatThrownBy(() -> parse("--once", "--check")).hasMessage("--once and --check cannot be combined");
    }

    @Test
    void theUsageNamesEveryFlag() {
        for (String flag : List.of("--once", "--check", "--help", "--version", "--verbose", "--config FILE")) {
            assertThat(CommandLine.USAGE).contains(flag);
        }
    }
}
