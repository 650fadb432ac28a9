package io.bisonsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.config.TestInstance;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The request budget adapts to a server stricter than its configuration, and never loosens past it. */
class RequestPacerTest {

    private static Credential credential(int requestsPerMinute) {
        return TestInstance.apiUsers("i", 1).requestsPerMinute(requestsPerMinute).lane(1);
    }

    @Test
    void aServerLimitBelowTheConfiguredBudgetBecomesTheBudget() {
        RequestPacer pacer = new RequestPacer(Duration.ZERO);
        Credential c = credential(3_000);
        pacer.observe(c, 300, 250);
        assertThat(pacer.effectiveBudget(c.instance())).isEqualTo(300);
    }

    @Test
    void aServerLimitAboveTheBudgetOrAMissingOneChangesNothing() {
        RequestPacer pacer = new RequestPacer(Duration.ZERO);
        Credential c = credential(3_000);
        pacer.observe(c, 6_000, 5_000);
        pacer.observe(c, null, null);
        assertThat(pacer.effectiveBudget(c.instance())).isEqualTo(3_000);
    }

    @Test
    void anUnpacedInstanceKeepsTheSeedsPageDelayWhateverTheServerAnnounces() {
        RequestPacer pacer = new RequestPacer(Duration.ZERO);
        Credential c = credential(0);
        pacer.observe(c, 300, 250);
        assertThat(pacer.effectiveBudget(c.instance())).isZero();
    }
}
