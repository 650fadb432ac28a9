package io.bisonsync.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.config.TestInstance;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The request budget adapts to a server stricter than its configuration, and never loosens past it. */
class RequestPacerTest {

    @ParameterizedTest(name = "budget {0}, server limit {1}: {2}")
    @CsvSource(nullValues = "-", value = {
        "3000, 300,  300",    // a server limit below the configured budget becomes the budget
        "3000, 6000, 3000",   // one above it changes nothing
        "3000, -,    3000",   // nor does a missing one
        "0,    300,  0",      // an unpaced instance keeps the seed's page delay whatever the server announces
    })
    void theBudgetIsTheConfiguredOneOrALowerServerLimit(int configured, Integer serverLimit, int budget) {
        RequestPacer pacer = new RequestPacer(Duration.ZERO);
        Credential lane = TestInstance.apiUsers("i", 1).requestsPerMinute(configured).lane(1);

        pacer.observe(lane, serverLimit, 250);

        assertThat(pacer.effectiveBudget(lane.instance())).isEqualTo(budget);
    }
}
