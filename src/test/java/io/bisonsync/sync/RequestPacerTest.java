package io.bisonsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.config.InstanceSettings;
import io.bisonsync.config.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The request budget adapts to a server stricter than its configuration, and never loosens past it. */
class RequestPacerTest {

    private static Credential credential(int requestsPerMinute) {
        InstanceSettings instance = new InstanceSettings("i", "Instance", "http://127.0.0.1:1", null,
                List.of(new Secret("1|key")), Set.of(), Set.of(), requestsPerMinute, 4);
        return new Credential(instance, instance.apiUserKeys().get(0), 1);
    }

    @Test
    void aServerLimitBelowTheConfiguredBudgetBecomesTheBudget() {
        RequestPacer pacer = new RequestPacer(Duration.ZERO);
        Credential c = credential(3_000);
        pacer.observe(c, 300, 250);
        assertThat(pacer.effectiveBudget(c)).isEqualTo(300);
    }

    @Test
    void aServerLimitAboveTheBudgetOrAMissingOneChangesNothing() {
        RequestPacer pacer = new RequestPacer(Duration.ZERO);
        Credential c = credential(3_000);
        pacer.observe(c, 6_000, 5_000);
        pacer.observe(c, null, null);
        assertThat(pacer.effectiveBudget(c)).isEqualTo(3_000);
    }

    @Test
    void anUnpacedInstanceKeepsTheSeedsPageDelayWhateverTheServerAnnounces() {
        RequestPacer pacer = new RequestPacer(Duration.ZERO);
        Credential c = credential(0);
        pacer.observe(c, 300, 250);
        assertThat(pacer.effectiveBudget(c)).isZero();
    }
}
