package io.bisonsync.lane;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.api.Credential;
import io.bisonsync.config.InstanceSettings;
import io.bisonsync.config.Secret;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How many readers take an instance's lanes. */
class InstanceLanesTest {

    @Test
    void aSuperAdminKeyIsOneLaneSoItHasExactlyOneReaderWhateverMaxParallelSays() {
        assertThat(InstanceLanes.readerCount(4, 1)).isEqualTo(1);
        assertThat(InstanceLanes.readerCount(8, 1)).isEqualTo(1);
    }

    @Test
    void aMixedInstanceReadsItsApiUserLanesFirstAndBesideTheSuperAdminLane() {
        InstanceSettings mixed = new InstanceSettings("m", "Mixed", "http://m", new Secret("admin"),
                List.of(new Secret("u1"), new Secret("u2")), Set.of(), Set.of(), 0, 3);
        List<Credential> lanes = Credential.lanesOf(List.of(mixed));
        assertThat(lanes.get(0).superAdmin()).isTrue();
        assertThat(InstanceLanes.apiUserKeysFirst(lanes)).extracting(Credential::keyLabel)
                .containsExactly("api-user key #1", "api-user key #2", "super-admin key");
        assertThat(InstanceLanes.readerCount(mixed.maxParallel(), lanes.size())).isEqualTo(3);
    }

    @Test
    void apiUserKeysHaveUpToMaxParallelReadersButNeverMoreThanLanes() {
        assertThat(InstanceLanes.readerCount(4, 10)).isEqualTo(4);
        assertThat(InstanceLanes.readerCount(4, 2)).isEqualTo(2);
        assertThat(InstanceLanes.readerCount(1, 500)).isEqualTo(1);
    }

    @Test
    void anInstanceWithoutLanesHasNoReader() {
        assertThat(InstanceLanes.readerCount(4, 0)).isZero();
    }
}
