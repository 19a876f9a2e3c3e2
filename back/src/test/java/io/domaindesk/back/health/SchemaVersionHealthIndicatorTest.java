package io.domaindesk.back.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.time.Duration;

import io.domaindesk.back.BackProperties;
import io.domaindesk.back.MigratedDatabase;
import io.domaindesk.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.unit.DataSize;

/**
 * The schema gate of readiness on the real database, reached through a proxy the test
 * cuts: DOWN while the tag cannot be read yet, UP once read, and UP from then on even
 * when the database goes away (readiness must not follow a shared dependency).
 */
class SchemaVersionHealthIndicatorTest {

    private final TestDatabase db = MigratedDatabase.get();

    private final TcpProxy proxy = new TcpProxy(db.host(), db.port());

    @AfterEach
    void closeProxy() {
        proxy.close();
    }

    @Test
    void downUntilTheTagIsSeenThenUpThroughADatabaseOutage() throws Exception {
        SchemaVersionHealthIndicator schema = indicator(newestTag());

        proxy.cut();
        assertThat(schema.health(true).getStatus()).isEqualTo(Status.DOWN);

        proxy.restore();
        assertThat(schema.health(true).getStatus()).isEqualTo(Status.UP);

        proxy.cut();
        assertThat(schema.health(true).getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void downWhileTheDatabaseLacksTheTag() {
        assertThat(indicator("v999").health(true).getStatus()).isEqualTo(Status.DOWN);
    }

    private SchemaVersionHealthIndicator indicator(String requiredTag) {
        var dataSource = new DriverManagerDataSource(
                db.jdbcUrl().replace(db.host() + ":" + db.port(), "127.0.0.1:" + proxy.port()), db.user(),
                db.password());
        var properties = new BackProperties("test", new BackProperties.Jwt(null, Duration.ofMinutes(1), "test", "test"),
                new BackProperties.Cors(null), new BackProperties.Schema(requiredTag),
                new BackProperties.Api(DataSize.ofMegabytes(1)),
                new BackProperties.SignIn(5, Duration.ofMinutes(15), 20, Duration.ofMinutes(15)));
        return new SchemaVersionHealthIndicator(new JdbcTemplate(dataSource), properties);
    }

    /** The tag dbmigrate applied last: the one a build of this checkout requires. */
    private String newestTag() throws Exception {
        try (var connection = db.connect();
                ResultSet rows = connection.createStatement()
                    .executeQuery(
                            "SELECT TAG FROM DATABASECHANGELOG WHERE TAG IS NOT NULL ORDER BY ORDEREXECUTED DESC")) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

}
