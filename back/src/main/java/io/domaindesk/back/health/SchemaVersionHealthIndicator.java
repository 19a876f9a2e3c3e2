package io.domaindesk.back.health;

import io.domaindesk.back.BackProperties;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Part of readiness ({@code schema}): UP only when dbmigrate has applied the Liquibase
 * tag this build was written for. A back rolled out before its migration, or onto a
 * database rolled back below it, takes no traffic instead of failing on every request.
 */
@Component("schema")
public class SchemaVersionHealthIndicator extends AbstractHealthIndicator {

    private final JdbcTemplate jdbc;

    private final String requiredTag;

    public SchemaVersionHealthIndicator(JdbcTemplate jdbc, BackProperties properties) {
        super("Schema version check failed");
        this.jdbc = jdbc;
        this.requiredTag = properties.schema().requiredTag();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Integer applied = jdbc.queryForObject("SELECT COUNT(*) FROM DATABASECHANGELOG WHERE TAG = ?", Integer.class,
                requiredTag);
        builder.withDetail("requiredTag", requiredTag);
        if (applied != null && applied > 0) {
            builder.up();
        }
        else {
            builder.down()
                .withDetail("reason", "the database is not migrated to " + requiredTag + " yet: run dbmigrate");
        }
    }

}
