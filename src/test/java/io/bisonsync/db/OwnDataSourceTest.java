package io.bisonsync.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.bisonsync.BisonSyncConfiguration;
import io.bisonsync.run.RunStatus;
import io.bisonsync.support.Db;
import io.bisonsync.support.SyncTestSupport;
import io.bisonsync.support.TestPostgres;
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
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Every SQL statement of the running application goes to bison-sync's own pool, by name: none takes the DataSource
 * a host binds under the usual name ({@code dataSource}, here to a database of its own).
 */
class OwnDataSourceTest extends SyncTestSupport {

    private static final Pattern SQL_URI = Pattern.compile("sql:classpath:[^\\s\"]+");

    private Db host;

    @Override
    protected void bindToRegistry(Registry registry) {
        host = new Db(TestPostgres.newDatabase());
        registry.bind("dataSource", new DriverManagerDataSource(host.url(), TestPostgres.USER, TestPostgres.PASSWORD));
    }

    @Test
    void aRunWritesNothingToTheHostsDataSource() {
        assertThat(runSync().status()).isEqualTo(RunStatus.SUCCESS);

        assertThat(host.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).isEmpty();
    }

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
