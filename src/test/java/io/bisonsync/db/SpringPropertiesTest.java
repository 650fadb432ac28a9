package io.bisonsync.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.SpringProperties;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;

/** {@code src/main/resources/spring.properties} reaches Spring JDBC, which camel-sql binds its parameters through. */
class SpringPropertiesTest {

    private static final String IGNORE_PARAMETER_TYPE = "spring.jdbc.getParameterType.ignore";

    @Test
    void theSpringPropertiesFileAndNoSystemPropertySetsSpringJdbcToIgnoreParameterTypes() {
        assertThat(System.getProperty(IGNORE_PARAMETER_TYPE)).as("no code sets it as a system property").isNull();
        assertThat(SpringProperties.getFlag(IGNORE_PARAMETER_TYPE)).isTrue();
    }

    @Test
    void aNullOfUnknownTypeIsBoundWithoutAskingTheStatementForItsParameterMetadata() throws Exception {
        List<String> calls = new ArrayList<>();
        // a driver Spring has no rule for: without the flag it would call getParameterMetaData() for this null
        DatabaseMetaData metaData = recording(DatabaseMetaData.class, calls, "Some Driver");
        Connection connection = recording(Connection.class, calls, metaData);
        PreparedStatement statement = recording(PreparedStatement.class, calls, connection);

        StatementCreatorUtils.setParameterValue(statement, 1, SqlTypeValue.TYPE_UNKNOWN, null);

        assertThat(calls).doesNotContain("getParameterMetaData").contains("setNull(1, " + Types.NULL + ")");
    }

    /** A JDBC object that records the calls made on it, answers {@code answer} where it fits and supports nothing else. */
    private static <T> T recording(Class<T> type, List<String> calls, Object answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            calls.add(method.getName() + (method.getName().startsWith("set") ? "(" + args[0] + ", " + args[1] + ")" : ""));
            if (method.getReturnType() == void.class) {
                return null;
            }
            if (method.getReturnType().isInstance(answer)) {
                return answer;
            }
            throw new SQLFeatureNotSupportedException(method.getName());
        }));
    }
}
