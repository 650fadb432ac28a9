package io.bisonsync.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.run.RunStatus;
import io.bisonsync.run.SyncRun;
import io.bisonsync.simulator.Faults;
import io.bisonsync.simulator.FleetSpec;
import io.bisonsync.simulator.KeyMode;
import io.bisonsync.support.SyncTestSupport;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The monitoring page of an agency's 60 workspaces behind a read token (bison.ops.read-token), in headless Chromium:
 * the page asks for the token, says when the API does not answer, draws one run sensibly, and lists the failing
 * workspaces first. Screenshots go to target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgencyFleetPageTest extends SyncTestSupport {

    private static final String READ_TOKEN = "read-token-7d41c9";
    private static final List<String> FAILING = List.of("Client 07", "Client 42");

    private Browser browser;

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.ops.read-token", READ_TOKEN);
    }

    @Override
    protected FleetSpec fleet() {
        FleetSpec.Builder fleet = FleetSpec.builder().instance("agency", "Agency", KeyMode.SUPER_ADMIN);
        for (int i = 1; i <= 60; i++) {
            fleet.workspace(String.format("Client %02d", i), 1 + (i * 7) % 14);
        }
        return fleet.build();
    }

    @BeforeEach
    void theBrowser() {
        if (browser == null) {
            browser = Browser.start();
        }
    }

    @AfterAll
    void closeTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private String text(String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }

    /** Opens the page and waits for its read-token prompt: the API answered the page's first reads with 401. */
    private void openToThePrompt() {
        browser.driver().get("http://127.0.0.1:" + opsPort() + "/");
        browser.await("the read-token prompt", d -> d.findElement(By.id("read-token-form")).isDisplayed());
    }

    private void enterReadToken(String token) {
        browser.driver().findElement(By.id("read-token")).sendKeys(token);
        browser.driver().findElement(By.id("read-token-use")).click();
    }

    private void openWithTheToken() {
        openToThePrompt();
        enterReadToken(READ_TOKEN);
        browser.await("the data arrived", d -> !d.findElement(By.id("read-token-form")).isDisplayed()
                && d.findElement(By.id("updated")).getText().startsWith("updated "));
    }

    private void refreshChecks() {
        context.getRegistry().lookupByNameAndType("alertNotifier", io.bisonsync.ops.alerts.AlertNotifier.class).changes();
    }

    @Test
    @Order(1)
    void onA401ThePageAsksForTheReadTokenKeepsItInMemoryOnlyAndIsNotHealthyBeforeAFirstRun() {
        openToThePrompt();

        assertThat(text("read-token-why")).startsWith("The ops API needs its read token (bison.ops.read-token) to answer.");
        assertThat(text("updated")).as("no data arrived, so no stamp").isEmpty();
        assertThat(browser.driver().findElement(By.id("api-state")).isDisplayed()).isFalse();
        browser.screenshot("read-token-prompt");

        enterReadToken("wrong-" + READ_TOKEN);
        browser.await("the refusal", d -> d.findElement(By.id("read-token-why")).getText().startsWith("The read token was refused (401)"));

        enterReadToken(READ_TOKEN);
        browser.await("the data arrived", d -> !d.findElement(By.id("read-token-form")).isDisplayed()
                && d.findElement(By.id("updated")).getText().startsWith("updated "));
        assertThat(text("overall")).isEqualTo("… no run finished yet");
        assertThat(text("last-sync")).isEqualTo("last complete sync: never");
        assertThat(browser.driver().findElement(By.id("overall")).getDomAttribute("data-state")).isEqualTo("waiting");
        assertThat(browser.driver().getCurrentUrl()).doesNotContain(READ_TOKEN);
        assertThat((String) browser.script("return JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie"))
                .doesNotContain(READ_TOKEN);
        assertThat(browser.driver().findElement(By.id("read-token")).getDomProperty("value")).isEmpty();
    }

    @Test
    @Order(2)
    void whenTheApiDoesNotAnswerThePageSaysSoAndTheUpdatedStampStandsStill() {
        openWithTheToken();
        String updated = text("updated");
        long failedBefore = failedLoads();

        browser.offline(true);
        try {
            // the progress poll (every 1.5 s) fails at least three times: the stamp must not move meanwhile
            browser.await("three failed loads", d -> failedLoads() >= failedBefore + 3);
            assertThat(text("api-state")).startsWith("The ops API is not answering: ");
            assertThat(text("updated")).isEqualTo(updated);
        } finally {
            browser.offline(false);
        }
        browser.await("the page recovers", d -> !d.findElement(By.id("api-state")).isDisplayed());
    }

    private long failedLoads() {
        String n = browser.driver().findElement(By.tagName("body")).getDomAttribute("data-failed-loads");
        return n == null ? 0 : Long.parseLong(n);
    }

    @Test
    @Order(3)
    void oneRunIsDrawnAsOneMomentOnAZeroBasedAccountsAxis() {
        FAILING.forEach(name -> simulator().faults().serverError(simulator().instance("agency").workspace(name).scope(), 1, 500,
                Faults.FOREVER));
        assertThat(runSync().status()).isEqualTo(RunStatus.PARTIAL);

        openWithTheToken();

        browser.await("one point", d -> "1".equals(d.findElement(By.id("chart-runs")).getDomAttribute("data-points")));
        for (String chart : List.of("chart-runs", "chart-instances")) {
            WebElement c = browser.driver().findElement(By.id(chart));
            assertThat(Long.parseLong(c.getDomAttribute("data-x-span"))).as("time shown around one run, in seconds").isBetween(3600L, 7200L);
            assertThat(c.getDomAttribute("data-counts-min")).as("accounts axis of %s starts at 0", chart).isEqualTo("0");
        }
        assertThat(text("time-zone")).isEqualTo("Times are in " + browser.script("return Intl.DateTimeFormat().resolvedOptions().timeZone") + ".");
    }

    @Test
    @Order(4)
    void sixtyWorkspacesWithTwoFailingListTheFailuresFirstAndCountThem() {
        FAILING.forEach(name -> simulator().faults().serverError(simulator().instance("agency").workspace(name).scope(), 1, 500,
                Faults.FOREVER));
        SyncRun run = runSync();
        assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
        refreshChecks();

        openWithTheToken();

        browser.await("60 rows", d -> d.findElements(By.cssSelector("#workspaces tbody tr")).size() == 60);
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#workspaces tbody tr"));
        assertThat(rows.subList(0, 2)).extracting(r -> r.findElement(By.cssSelector("td.workspace")).getText())
                .containsExactlyElementsOf(FAILING);
        assertThat(rows.get(2).findElement(By.cssSelector("td.status")).getText()).isEqualTo("● complete");
        assertThat(text("workspaces-count")).isEqualTo("(2 failing of 60)");
        assertThat(text("failing-count")).isEqualTo("failing workspaces: 2 of 60 · not read completely within 1h: 2");
        // the two were never read completely: their accounts are missing, which is not healthy, nor merely partial
        assertThat(text("overall")).isEqualTo("✕ attention: 2 workspace(s) not read completely within 1h");
        assertThat(text("last-sync")).as("every run was partial").isEqualTo("last complete sync: never");
        assertThat(text("last-run")).startsWith("last run " + run.id() + " partial: 58 of 60 complete · ")
                .contains("[Agency] Client 07 answered HTTP 500").contains("[Agency] Client 42 answered HTTP 500");
        browser.screenshot("sixty-workspaces-failures-first");

        assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    }
}
