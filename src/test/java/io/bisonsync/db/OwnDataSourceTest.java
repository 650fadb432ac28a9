package io.bisonsync.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.BisonSyncConfiguration;
import io.bisonsync.support.SyncTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.component.sql.SqlEndpoint;
import org.junit.jupiter.api.Test;

/**
 * Every SQL statement of the running application goes to bison-sync's own pool, by name: none takes whichever
 * DataSource a host's registry holds.
 */
class OwnDataSourceTest extends SyncTestSupport {

    private static final Pattern SQL_URI = Pattern.compile("sql:classpath:[^\\s\"]+");

    @Test
    void everySqlEndpointOfTheRunningRoutesUsesBisonDataSource() {
        DataSource own = context.getRegistry().lookupByNameAndType(BisonSyncConfiguration.DATA_SOURCE, DataSource.class);
        List<SqlEndpoint> endpoints = context.getEndpoints().stream()
                .filter(SqlEndpoint.class::isInstance).map(SqlEndpoint.class::cast).toList();

        assertThat(own).isNotNull();
        assertThat(endpoints).isNotEmpty().allSatisfy(e -> assertThat(e.getDataSource()).as(e.getEndpointUri()).isSameAs(own));
    }

    @Test
    void everySqlUriInTheRoutesNamesBisonDataSource() throws IOException {
        List<String> uris;
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            uris = files.filter(f -> f.toString().endsWith(".camel.yaml")).flatMap(OwnDataSourceTest::sqlUris).toList();
        }

        assertThat(uris).isNotEmpty().allSatisfy(uri -> assertThat(uri).contains("dataSource=#" + BisonSyncConfiguration.DATA_SOURCE));
    }

    private static Stream<String> sqlUris(Path routes) {
        try {
            Matcher m = SQL_URI.matcher(Files.readString(routes));
            Stream.Builder<String> uris = Stream.builder();
            while (m.find()) {
                uris.add(m.group());
            }
            return uris.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
