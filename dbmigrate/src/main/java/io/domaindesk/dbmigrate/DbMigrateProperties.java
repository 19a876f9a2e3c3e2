package io.domaindesk.dbmigrate;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code dbmigrate.*} settings of application.yaml.
 *
 * @param admin the first administrator, from ADMIN_EMAIL and ADMIN_PASSWORD; never null
 * @param connectionProperties passed to the JDBC driver with every connection
 */
@ConfigurationProperties("dbmigrate")
public record DbMigrateProperties(AdminAccount admin, Map<String, String> connectionProperties) {

    public DbMigrateProperties {
        admin = admin == null ? new AdminAccount(null, null) : admin;
        connectionProperties = connectionProperties == null ? Map.of() : Map.copyOf(connectionProperties);
    }
}
