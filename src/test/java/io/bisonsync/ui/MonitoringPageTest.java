package io.bisonsync.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.run.ProcessIdentity;
import io.bisonsync.run.RunStatus;
import io.bisonsync.run.SyncRun;
import io.bisonsync.simulator.Faults;
import io.bisonsync.simulator.SimWorkspace;
import io.bisonsync.support.SyncTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The monitoring page in a real browser (headless Chromium) against the real application with the demo fleet:
 * two runs, the second holding a mass drop of Hooli, then what an operator does on the page. Screenshots of each
 * state go to target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringPageTest extends SyncTestSupport {

    private static final String TOKEN = "page-token-4b8e21";

    private Browser browser;

    @Override
    protected void configure(Properties overrides) {
        overrides.put("bison.ops.token", TOKEN);
        // the held drop stays held until the operator confirms it on the page
        overrides.put("bison.sync.confirm-drop-on-next-read", "false");
    }

    /** Once per class, in the first test's set-up (the application starts before each test's body, not before all). */
    @BeforeEach
    void twoRunsThenTheBrowser() {
        if (browser != null) {
            return;
        }
        assertThat(runSync().status()).isEqualTo(RunStatus.SUCCESS);
        SimWorkspace hooli = simulator().instance("long-run").workspace("Hooli");
        List.copyOf(hooli.accountIds().subList(0, 30)).forEach(hooli::removeAccount);
        assertThat(runSync().status()).isEqualTo(RunStatus.PARTIAL);
        // health answers the last alert check's verdict: let the check see the two runs, as its timer would
        refreshChecks();
        browser = Browser.start();
    }

    @AfterAll
    void closeTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private void open() {
        browser.driver().get("http://127.0.0.1:" + opsPort() + "/");
        browser.await("the page loaded its data", d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
    }

    private List<WebElement> workspaceRows() {
        return browser.driver().findElements(By.cssSelector("#workspaces tbody tr"));
    }

    private String text(String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }

    private void refreshChecks() {
        context.getRegistry().lookupByNameAndType("alertNotifier", io.bisonsync.ops.alerts.AlertNotifier.class).changes();
    }

    private static long number(WebElement cell) {
        return Long.parseLong(cell.getText().replace(",", ""));
    }

    @Test
    @Order(1)
    void everyWorkspaceRowShowsTheDatabasesCachedAccountsBesideTheApisMetaTotal() {
        open();
        List<Map<String, Object>> expected = db().rows("""
                SELECT s.bison_instance, s.workspace_id, s.last_status,
                       (SELECT count(*) FROM email_accounts_cache c
                         WHERE c.bison_instance = s.bison_instance AND c.workspace_id = s.workspace_id) AS cached,
                       (SELECT r.api_total FROM email_sync_workspace_results r
                         WHERE r.bison_instance = s.bison_instance AND r.workspace_id = s.workspace_id
                         ORDER BY r.completed_at DESC, r.id DESC LIMIT 1) AS api_total
                  FROM email_sync_workspace_state s""");

        browser.await("a row per workspace", d -> workspaceRows().size() == expected.size());
        assertThat(expected).hasSize(11);
        for (Map<String, Object> ws : expected) {
            WebElement row = browser.driver().findElement(By.cssSelector("#workspaces tbody tr[data-instance='" + ws.get("bison_instance")
                    + "'][data-workspace-id='" + ws.get("workspace_id") + "']"));
            assertThat(number(row.findElement(By.cssSelector("td.cached")))).as("cached of %s", ws).isEqualTo(((Number) ws.get("cached")).longValue());
            assertThat(number(row.findElement(By.cssSelector("td.total")))).as("meta.total of %s", ws)
                    .isEqualTo(((Number) ws.get("api_total")).longValue());
            assertThat(row.findElement(By.cssSelector("td.status span.st")).getText()).endsWith(" " + ws.get("last_status"));
        }
        WebElement jason = browser.driver().findElement(By.xpath("//tr[td[@class='workspace']/button[text()='Jason Binyon']]"));
        assertThat(jason.findElement(By.cssSelector("td.cached")).getText()).isEqualTo("433");
        assertThat(jason.findElement(By.cssSelector("td.total")).getText()).isEqualTo("433");
        assertThat(browser.driver().findElements(By.cssSelector("#checks li"))).hasSize(4);
        assertThat(browser.driver().findElement(By.cssSelector("#checks li[data-check='account-drop'] .state")).getText()).isEqualTo("✕ DOWN");
        assertThat(browser.driver().findElement(By.id("last-sync")).getText()).startsWith("last complete sync: ").doesNotContain("never");
        // the second run held Hooli's drop: partial, and the badge says why it is not healthy
        long second = db().count("SELECT max(id) FROM email_sync_logs");
        assertThat(text("last-run")).isEqualTo("last run " + second + " partial: 10 of 11 complete · 30 accounts disappeared"
                + " (over bison.sync.mass-drop-threshold=0.1 of 212 cached); deletions held (1 workspace)");
        assertThat(text("overall")).isEqualTo("✕ attention: account-drop DOWN");
        browser.screenshot("01-overview");
    }

    @Test
    @Order(2)
    void theRunChartDrawsOnePointPerFinishedRunAndTheStripColoursEachRunByItsStatus() {
        open();
        List<Map<String, Object>> runs = db().rows("SELECT id, status FROM email_sync_logs ORDER BY started_at, id");

        browser.await("the chart has its points", d -> String.valueOf(runs.size())
                .equals(d.findElement(By.id("chart-runs")).getDomAttribute("data-points")));
        Number painted = (Number) browser.script("""
                const c = document.querySelector('#chart-runs canvas');
                const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let n = 0;
                for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
                return n;""");
        assertThat(painted.longValue()).as("painted pixels of the run chart").isGreaterThan(500);
        assertThat(browser.driver().findElements(By.cssSelector("#chart-instances canvas"))).hasSize(1);
        List<WebElement> strip = browser.driver().findElements(By.cssSelector("#run-strip button"));
        assertThat(strip).extracting(s -> s.getDomAttribute("data-status"))
                .containsExactlyElementsOf(runs.stream().map(r -> (String) r.get("status")).toList());
        assertThat(strip.get(1).getCssValue("background-color")).isNotEqualTo(strip.get(0).getCssValue("background-color"));
    }

    @Test
    @Order(3)
    void aWrongTokenShowsTheRefusalInWordsStartsNoRunAndLeavesTheFieldEmpty() {
        open();
        long runs = db().count("SELECT count(*) FROM email_sync_logs");

        browser.driver().findElement(By.id("token")).sendKeys(TOKEN + "x");
        browser.driver().findElement(By.id("sync-now")).click();

        String answer = browser.await("the refusal is shown", d -> {
            String text = d.findElement(By.id("sync-answer")).getText();
            return text.contains("401") ? text : null;
        });
        assertThat(answer).isEqualTo("Not started: the ops token is wrong or missing (401).");
        assertThat(browser.driver().findElement(By.id("token")).getDomProperty("value")).isEmpty();
        assertThat(db().count("SELECT count(*) FROM email_sync_logs")).isEqualTo(runs);
        assertThat(browser.driver().getCurrentUrl()).doesNotContain(TOKEN);
        assertThat((String) browser.script("return JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie"))
                .doesNotContain(TOKEN);
        browser.screenshot("02-wrong-token");
    }

    @Test
    @Order(4)
    void theTableFiltersSortsAndShowsAWorkspacesHistoryOnClick() {
        open();
        browser.driver().findElement(By.id("filter")).sendKeys("long run");
        browser.await("only Long Run's workspaces", d -> workspaceRows().size() == 3);

        // sorting and a workspace's history by keyboard alone: each is a button
        WebElement sort = browser.driver().findElement(By.cssSelector("#workspaces th[data-key='cachedAccounts'] button"));
        sort.sendKeys(Keys.ENTER);
        sort = browser.driver().findElement(By.cssSelector("#workspaces th[data-key='cachedAccounts'] button"));
        sort.sendKeys(Keys.ENTER);
        assertThat(browser.driver().findElement(By.cssSelector("#workspaces th[data-key='cachedAccounts']")).getDomAttribute("aria-sort"))
                .isEqualTo("descending");
        assertThat(browser.driver().findElement(By.cssSelector("#workspaces th[data-key='workspace']")).getDomAttribute("aria-sort"))
                .isEqualTo("none");
        assertThat(workspaceRows()).extracting(r -> r.findElement(By.cssSelector("td.workspace")).getText())
                .containsExactly("Hooli", "Wayne Ventures", "Stark Sales");

        workspaceRows().get(0).findElement(By.cssSelector("td.workspace button")).sendKeys(Keys.ENTER);
        browser.await("Hooli's history", d -> d.findElements(By.cssSelector("#ws-history-rows tr")).size() == 2);
        browser.await("Hooli's trend beside it, from 0", d -> "2".equals(d.findElement(By.id("ws-trend")).getDomAttribute("data-points"))
                && "0".equals(d.findElement(By.id("ws-trend")).getDomAttribute("data-counts-min")));
        assertThat(browser.driver().findElement(By.id("ws-history-title")).getText()).isEqualTo("History of Hooli (Long Run)");
        List<WebElement> history = browser.driver().findElements(By.cssSelector("#ws-history-rows tr"));
        assertThat(history.get(0).getText()).contains("held");
        assertThat(history.get(1).getText()).contains("complete");
        browser.screenshot("03-workspace-history");
    }

    @Test
    @Order(5)
    void aHeldMassDropIsListedAndConfirmingItWithTheTokenDeletesTheHeldRows() {
        open();
        SimWorkspace hooli = simulator().instance("long-run").workspace("Hooli");
        WebElement held = browser.await("the held drop is listed",
                d -> d.findElement(By.cssSelector("#held tr[data-workspace-id='" + hooli.id() + "']")));
        assertThat(held.getText()).contains("Hooli").contains("30");
        browser.screenshot("04-held-drop");

        browser.driver().findElement(By.id("token")).sendKeys(TOKEN);
        held.findElement(By.tagName("button")).click();
        browser.driver().switchTo().alert().accept();

        browser.await("the deletion is confirmed", d -> d.findElement(By.id("held-answer")).getText().startsWith("Deleted 30 held accounts"));
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache WHERE sync_status = 'pending_deletion'")).isZero();
        assertThat(db().count("SELECT count(*) FROM email_accounts_cache WHERE workspace_id = ? AND bison_instance = 'Long Run'", hooli.id()))
                .isEqualTo(182);
        browser.await("no drop is held any more", d -> d.findElements(By.cssSelector("#held tr")).isEmpty());
    }

    @Test
    @Order(6)
    void syncNowStartsARunThatThePageShowsLiveAndASecondClickMeanwhileIsRefusedAs409() {
        open();
        // Jason Binyon's 29 pages take a few seconds: long enough for the page to show the run in flight
        SimWorkspace jason = simulator().instance("maverick").workspace("Jason Binyon");
        simulator().faults().latency(jason.scope(), Duration.ofMillis(250));
        try {
            browser.driver().findElement(By.id("token")).sendKeys(TOKEN);
            browser.driver().findElement(By.id("sync-now")).click();

            String started = browser.await("the 202", d -> {
                String text = d.findElement(By.id("sync-answer")).getText();
                return text.startsWith("Started run") ? text : null;
            });
            long runId = db().count("SELECT max(id) FROM email_sync_logs");
            assertThat(started).isEqualTo("Started run " + runId + " (202); its progress shows above.");
            browser.await("the run in flight is shown", d -> d.findElement(By.id("run-live")).isDisplayed()
                    && String.valueOf(runId).equals(d.findElement(By.id("run-title")).getDomAttribute("data-run-id")));
            browser.await("a lane on Jason Binyon", d -> d.findElement(By.id("lanes")).getText().contains("Jason Binyon"));
            assertThat(browser.driver().findElement(By.id("run-workspaces")).getText()).matches("\\d+ of 11");

            browser.driver().findElement(By.id("token")).sendKeys(TOKEN);
            browser.driver().findElement(By.id("sync-now")).click();
            browser.await("the 409 in words", d -> d.findElement(By.id("sync-answer")).getText().contains("(409)"));
            assertThat(browser.driver().findElement(By.id("sync-answer")).getText())
                    .isEqualTo("Not started (409): a sync run is in progress (run " + runId + ", trigger manual, on "
                            + ProcessIdentity.current().describe() + "); try again when it has finished");
            browser.screenshot("05-run-live");
            simulator().faults().reset();

            browser.await("the finished run in the history", d -> {
                List<WebElement> strip = d.findElements(By.cssSelector("#run-strip button"));
                return !strip.isEmpty() && String.valueOf(runId).equals(strip.get(strip.size() - 1).getDomAttribute("data-run-id"))
                        && "success".equals(strip.get(strip.size() - 1).getDomAttribute("data-status"));
            });
            assertThat(db().row("SELECT status FROM email_sync_logs WHERE id = ?", runId)).containsEntry("status", "success");
            assertThat(browser.driver().findElement(By.id("run-live")).isDisplayed()).isFalse();
            browser.screenshot("06-after-run");
        } finally {
            simulator().faults().reset();
        }
    }

    @Test
    @Order(7)
    void aPartialFleetIsPartialWithItsFailingWorkspaceCountedListedFirstAndItsReasonInTheRunList() {
        SimWorkspace globex = simulator().instance("maverick").workspace("Globex Growth");
        simulator().faults().serverError(globex.scope(), 1, 500, Faults.FOREVER);
        SyncRun run = runSync();
        assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
        refreshChecks();

        open();

        assertThat(text("overall")).isEqualTo("▲ partial: 10 of 11 complete");
        assertThat(text("last-run")).startsWith("last run " + run.id() + " partial: 10 of 11 complete · ").contains("HTTP 500");
        assertThat(text("failing-count")).isEqualTo("failing workspaces: 1 of 11");
        assertThat(text("workspaces-count")).isEqualTo("(1 failing of 11)");
        assertThat(workspaceRows().get(0).findElement(By.cssSelector("td.workspace")).getText()).as("failures first").isEqualTo("Globex Growth");
        assertThat(workspaceRows().get(0).findElement(By.cssSelector("td.status")).getText()).startsWith("✕ failed").contains("HTTP 500");
        // the last complete sync is the last run with status success, before this partial one
        Instant lastComplete = Instant.parse(browser.driver().findElement(By.id("last-sync")).getDomAttribute("data-last-complete"));
        assertThat(lastComplete).isBefore(run.startedAt());

        WebElement row = browser.driver().findElement(By.cssSelector("#runs-rows tr[data-run-id='" + run.id() + "']"));
        assertThat(row.findElement(By.cssSelector("td.status")).getText()).isEqualTo("▲ partial");
        assertThat(row.findElement(By.cssSelector("td.complete")).getText()).isEqualTo("10 of 11");
        assertThat(row.findElement(By.cssSelector("td.failing")).getText()).isEqualTo("1: [Maverick] Globex Growth");
        assertThat(row.findElement(By.cssSelector("td.reason")).getText()).contains("HTTP 500").endsWith("(1 workspace)");
        browser.screenshot("partial-fleet");

        row.findElement(By.tagName("button")).sendKeys(Keys.ENTER);
        browser.await("the run's workspaces", d -> d.findElements(By.cssSelector("#run-detail-rows tr")).size() == 11);
        WebElement globexRow = browser.driver().findElement(By.cssSelector("#run-detail-rows tr[data-workspace-id='" + globex.id() + "']"));
        assertThat(globexRow.findElement(By.cssSelector("td.reason")).getText()).contains("HTTP 500");
        assertThat(text("run-detail-title")).startsWith("Run " + run.id() + " (").endsWith("partial, 10 of 11 workspaces complete");
        assertThat(browser.driver().switchTo().activeElement().getDomAttribute("id")).as("focus moves to the opened run").isEqualTo("run-detail-title");
    }

    @Test
    @Order(8)
    void aFailedRunSaysWhyInWordsInTheHeaderTheRunListAndTheRunItself() {
        simulator().faults().workspaceListError("maverick", 503).workspaceListError("long-run", 503).workspaceListError("cobalt", 503);
        SyncRun run = runSync();
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        refreshChecks();

        open();

        assertThat(text("overall")).isEqualTo("✕ attention: the last run failed");
        // every workspace list failed (Maverick's super-admin key, Long Run's three api-user keys, Cobalt's super-admin
        // key and two api-user keys): no workspace was read
        assertThat(text("last-run")).startsWith("last run " + run.id() + " failed: 0 of 7 complete · ").contains("503");
        WebElement row = browser.driver().findElement(By.cssSelector("#runs-rows tr[data-run-id='" + run.id() + "']"));
        assertThat(row.findElement(By.cssSelector("td.status")).getText()).isEqualTo("✕ failed");
        assertThat(row.findElement(By.cssSelector("td.reason")).getText()).contains("503");
        List<WebElement> strip = browser.driver().findElements(By.cssSelector("#run-strip button"));
        WebElement last = strip.get(strip.size() - 1);
        assertThat(last.getDomAttribute("aria-label")).startsWith("run " + run.id() + ", failed, ");
        assertThat(last.getText()).as("a shape, not only a colour").isEqualTo("✕");

        last.sendKeys(Keys.ENTER);
        browser.await("the failed run's workspace lists", d -> d.findElements(By.cssSelector("#run-detail-rows tr")).size() == 7);
        assertThat(browser.driver().findElements(By.cssSelector("#run-detail-rows td.reason")))
                .allSatisfy(cell -> assertThat(cell.getText()).contains("503"));
        browser.screenshot("failed-run-with-reason");
    }

    @Test
    @Order(9)
    void thePageHasNoSeriousAccessibilityViolationsAndLongNamesWrap() {
        db().execute("INSERT INTO email_sync_workspace_state (bison_instance, workspace_id, workspace_name, last_status, last_attempt_at,"
                + " consecutive_failures, last_error) VALUES ('Maverick', 999999, repeat('Long', 753), 'failed', now(), 1, repeat('e', 2000))");
        try {
            open();
            browser.await("the long name is shown", d -> workspaceRows().size() == 12);
            Number overflow = (Number) browser.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(overflow.longValue()).as("the page is not wider than the window").isLessThanOrEqualTo(0);

            browser.driver().findElement(By.cssSelector("#runs-rows button")).sendKeys(Keys.ENTER);
            workspaceRows().get(1).findElement(By.cssSelector("td.workspace button")).sendKeys(Keys.ENTER);
            browser.await("a workspace's history", d -> !d.findElements(By.cssSelector("#ws-history-rows tr")).isEmpty());

            assertThat(browser.seriousAccessibilityViolations()).isEmpty();
            assertThat(browser.driver().findElement(By.cssSelector("label[for='filter']")).getText()).isEqualTo("Filter workspaces");
            assertThat(text("time-zone")).startsWith("Times are in ");
        } finally {
            db().execute("DELETE FROM email_sync_workspace_state WHERE workspace_id = 999999");
        }
    }

    @Test
    @Order(10)
    void headOfThePageAnswersAndTheFaviconIsServed() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI page = URI.create("http://127.0.0.1:" + opsPort() + "/");

        HttpResponse<String> head = http.send(HttpRequest.newBuilder(page).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> icon = http.send(HttpRequest.newBuilder(page.resolve("/favicon.ico")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> linked = http.send(HttpRequest.newBuilder(page.resolve("/ui/favicon.svg")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
        assertThat(icon.body()).startsWith("<svg");
        assertThat(linked.statusCode()).isEqualTo(200);
    }
}
