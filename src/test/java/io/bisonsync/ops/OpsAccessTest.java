package io.bisonsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.config.Secret;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpsAccessTest {

    private static final Secret OPS = new Secret("ops-token-1");
    private static final Secret READ = new Secret("read-token-1");

    private static Optional<Integer> status(OpsAccess access, String method, String host, String authorization, long length, boolean page) {
        return access.check(method, host, authorization, length, page).map(OpsAccess.Refusal::status);
    }

    @Test
    void onALoopbackBindOnlyLocalHostNamesAreAnswered() {
        OpsAccess access = new OpsAccess(null, null, "127.0.0.1", Set.of());
        for (String host : new String[] {"localhost", "localhost:8080", "127.0.0.1:1", "[::1]:8080", "LOCALHOST"}) {
            assertThat(status(access, "GET", host, null, -1, false)).as(host).isEmpty();
        }
        for (String host : new String[] {"evil.example", "evil.example:8080", "127.0.0.1.evil.example", null, ""}) {
            assertThat(status(access, "GET", host, null, -1, false)).as(String.valueOf(host)).contains(421);
        }
    }

    @Test
    void onAnOpenBindTheConfiguredHostsAndLocalhostOrAnyWithoutAList() {
        OpsAccess listed = new OpsAccess(null, null, "0.0.0.0", Set.of("bison.internal"));
        assertThat(status(listed, "GET", "bison.internal:8080", null, -1, false)).isEmpty();
        assertThat(status(listed, "GET", "localhost", null, -1, false)).isEmpty();
        assertThat(status(listed, "GET", "evil.example", null, -1, false)).contains(421);
        assertThat(status(new OpsAccess(null, null, "0.0.0.0", Set.of()), "GET", "10.1.2.3:8080", null, -1, false)).isEmpty();
    }

    @Test
    void getsNeedTheReadOrOpsTokenPostsTheOpsTokenAndThePageFilesNone() {
        OpsAccess access = new OpsAccess(OPS, READ, "127.0.0.1", Set.of());
        for (String method : new String[] {"GET", "HEAD"}) {
            assertThat(status(access, method, "localhost", null, -1, false)).contains(401);
            assertThat(status(access, method, "localhost", "Bearer wrong", -1, false)).contains(401);
            assertThat(status(access, method, "localhost", "Basic " + READ.reveal(), -1, false)).contains(401);
            assertThat(status(access, method, "localhost", "Bearer " + READ.reveal(), -1, false)).isEmpty();
            assertThat(status(access, method, "localhost", "bearer " + OPS.reveal(), -1, false)).isEmpty();
            assertThat(status(access, method, "localhost", null, -1, true)).isEmpty();
        }
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
            assertThat(status(access, method, "localhost", null, -1, false)).contains(401);
            assertThat(status(access, method, "localhost", "Bearer " + READ.reveal(), -1, false)).as("the read token only reads").contains(401);
            assertThat(status(access, method, "localhost", null, -1, true)).as("a page file is no exception for a POST").contains(401);
            assertThat(status(access, method, "localhost", "Bearer " + OPS.reveal(), -1, false)).isEmpty();
        }
        assertThat(status(new OpsAccess(null, READ, "127.0.0.1", Set.of()), "POST", "localhost", "Bearer " + READ.reveal(), -1, false))
                .as("without an ops token no POST").contains(403);
    }

    @Test
    void aBodyLargerThanTheLimitIsRefusedAfterTheTokenAndNoRefusalNamesAToken() {
        OpsAccess access = new OpsAccess(OPS, READ, "127.0.0.1", Set.of());
        assertThat(status(access, "POST", "localhost", null, 9000, false)).contains(401);
        assertThat(status(access, "POST", "localhost", "Bearer " + OPS.reveal(), 9000, false)).contains(413);
        assertThat(status(access, "POST", "localhost", "Bearer " + OPS.reveal(), OpsAccess.MAX_BODY, false)).isEmpty();
        access.check("POST", "localhost", "Bearer " + READ.reveal(), 1, false)
                .ifPresent(r -> assertThat(r.message()).doesNotContain(READ.reveal()).doesNotContain(OPS.reveal()));
    }
}
