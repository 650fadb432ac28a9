package io.bisonsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How many readers take an instance's lanes. */
class InstanceLanesTest {

    @Test
    void aSuperAdminKeyHasExactlyOneReaderWhateverMaxParallelSays() {
        assertThat(InstanceLanes.readerCount(true, 4, 1)).isEqualTo(1);
        assertThat(InstanceLanes.readerCount(true, 8, 3)).isEqualTo(1);
    }

    @Test
    void apiUserKeysHaveUpToMaxParallelReadersButNeverMoreThanLanes() {
        assertThat(InstanceLanes.readerCount(false, 4, 10)).isEqualTo(4);
        assertThat(InstanceLanes.readerCount(false, 4, 2)).isEqualTo(2);
        assertThat(InstanceLanes.readerCount(false, 1, 500)).isEqualTo(1);
    }

    @Test
    void anInstanceWithoutLanesHasNoReader() {
        assertThat(InstanceLanes.readerCount(true, 4, 0)).isZero();
        assertThat(InstanceLanes.readerCount(false, 4, 0)).isZero();
    }
}
