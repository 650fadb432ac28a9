package io.bisonsync.ops.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdicts of the four checks at their edges: exactly at a threshold is still UP, just over it DOWN. */
class SyncCheckJudgesTest {

    private static final Instant NOW = Instant.parse("2025-10-10T12:00:00Z");
    private static final Duration HOUR = Duration.ofMinutes(60);

    @Test
    void aFreshInstallIsUpUntilTheAppHasBeenUpLongerThanTheMaxAgeWithoutASuccess() {
        assertThat(SyncAgeCheck.judge(null, NOW, NOW.minus(HOUR), HOUR).up()).isTrue();

        Verdict late = SyncAgeCheck.judge(null, NOW, NOW.minus(HOUR).minusSeconds(1), HOUR);

        assertThat(late.up()).isFalse();
        assertThat(late.message()).isEqualTo("no success or partial run yet, 60 min after start-up (limit 60 min)");
    }

    @Test
    void theLastSuccessMayBeExactlyMaxAgeOld() {
        assertThat(SyncAgeCheck.judge(NOW.minus(HOUR), NOW, NOW.minus(Duration.ofDays(3)), HOUR).up()).isTrue();
        assertThat(SyncAgeCheck.judge(NOW.minus(HOUR).minusSeconds(1), NOW, NOW, HOUR).message())
                .isEqualTo("no success or partial run for 60 min (last one ended 2025-10-10T10:59:59Z, limit 60 min)");
    }

    @Test
    void failedRunsFireOnlyAboveTheLimit() {
        assertThat(FailedRunsCheck.judge(2, 7L, "x", 2).up()).isTrue();
        assertThat(FailedRunsCheck.judge(3, 9L, null, 2).message()).isEqualTo("3 consecutive failed runs (limit 2); latest, run 9: no error recorded");
    }

    @Test
    void aWorkspaceOrInstanceDropOverTheLimitIsNamedAndGrowthOrExactlyTheLimitIsNoDrop() {
        Verdict verdict = AccountDropCheck.judge(
                List.of(new AccountDropCheck.Change("instance Maverick", 1, 2, 1000, 1200)),
                List.of(new AccountDropCheck.Change("[Long Run] Hooli", 1, 3, 300, 0),
                        new AccountDropCheck.Change("[Maverick] Globex", 1, 2, 100, 90)), 0.10);

        assertThat(verdict.up()).isFalse();
        assertThat(verdict.message()).isEqualTo("accounts dropped by more than 10.0% between the last two complete reads: "
                + "[Long Run] Hooli 300 -> 0 (-100.0%, runs 1 and 3)");
        assertThat(new AccountDropCheck.Change("instance Maverick", 1, 2, 1000, 900).drop()).isEqualTo(0.1);
        assertThat(AccountDropCheck.judge(List.of(new AccountDropCheck.Change("instance Maverick", 1, 2, 1000, 900)), List.of(), 0.10).up())
                .isTrue();
        Verdict instance = AccountDropCheck.judge(List.of(new AccountDropCheck.Change("instance Maverick", 1, 2, 1000, 899)), List.of(), 0.10);
        assertThat(instance.message()).endsWith("instance Maverick 1000 -> 899 (-10.1%, runs 1 and 2)");
        assertThat(AccountDropCheck.judge(List.of(), List.of(), 0.10).message()).isEqualTo("fewer than two complete reads of any workspace to compare");
    }

    @Test
    void workspaceFailuresNameAtMostTenWorkspacesAndCountTheRest() {
        List<WorkspaceFailuresCheck.Failing> failing = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            failing.add(new WorkspaceFailuresCheck.Failing("Maverick", "Workspace " + i, 5, null));
        }

        Verdict verdict = WorkspaceFailuresCheck.judge(failing, 3);

        assertThat(verdict.message()).startsWith("12 workspace(s) failed in more than 3 consecutive runs: [Maverick] Workspace 0 (5 runs);")
                .endsWith("[Maverick] Workspace 9 (5 runs) and 2 more");
    }

    @Test
    void aMessageCarriesNoCharacterThatBreaksTheManagementServersJson() {
        assertThat(SyncCheck.printable("HTTP 503 \"Service\nUnavailable\" C:\\path")).isEqualTo("HTTP 503 'Service Unavailable' C:/path");
    }
}
