package io.domaindesk.back.health;

import io.domaindesk.back.BackProperties;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Part of readiness ({@code schema}), a rollout gate: a replica takes traffic only once
 * it has seen the Liquibase tag this build was written for. A back rolled out before its
 * migration, or onto a database rolled back below it, takes no traffic instead of failing
 * on every request.
 * <p>
 * Once seen, the answer is kept: the schema of a running replica does not go back
 * (rollbacks move the application back first: docs/kubernetes.md), and readiness must not
 * depend on the database afterwards. Otherwise a database outage would take every replica
 * out of the load balancer at once, and clients would get the proxy's bare 503 instead of
 * the API's 503 problem+json with Retry-After (docs/adr/0012).
 */
@Component("schema")
public class SchemaVersionHealthIndicator extends AbstractHealthIndicator {

    private final JdbcTemplate jdbc;

    private final String requiredTag;

    private volatile boolean confirmed;

    public SchemaVersionHealthIndicator(JdbcTemplate jdbc, BackProperties properties) {
        super("Schema version check failed");
        this.jdbc = jdbc;
        this.requiredTag = properties.schema().requiredTag();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("requiredTag", requiredTag);
        if (confirmed) {
            builder.up();
            return;
        }
        // Throws while the database cannot be reached: DOWN until the first answer.
        Integer applied = jdbc.queryForObject("SELECT COUNT(*) FROM DATABASECHANGELOG WHERE TAG = ?", Integer.class,
                requiredTag);
        if (applied != null && applied > 0) {
            confirmed = true;
            builder.up();
        }
        else {
            builder.down()
                .withDetail("reason", "the database is not migrated to " + requiredTag + " yet: run dbmigrate");
        }
    }

}
