package io.domaindesk.dbmigrate;

import java.util.Optional;
import java.util.Properties;

import io.domaindesk.appsupport.PlaceholderSecrets;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Runs one Liquibase command against the database, then exits: 0 on success, 1 with a
 * one-line reason on failure, 2 on a wrong command line. Meant to run as a Kubernetes Job
 * or a docker-compose one-shot service before the back starts.
 */
@SpringBootApplication
@EnableConfigurationProperties(DbMigrateProperties.class)
public class DbMigrateApplication {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Command command;
        try {
            command = Command.parse(args);
        }
        catch (IllegalArgumentException e) {
            System.err.println("dbmigrate: " + e.getMessage() + "; " + Command.USAGE);
            return 2;
        }
        if (command == null) {
            System.out.println(Command.USAGE);
            return 0;
        }
        // The same rule as the back's; checked here too so that the reason is dbmigrate's
        // usual last line instead of Spring's failure report.
        Optional<String> placeholder = PlaceholderSecrets.problem(System::getenv);
        if (placeholder.isPresent()) {
            System.err.println("dbmigrate: " + placeholder.get());
            return 1;
        }
        String failure;
        // No command-line arguments reach Spring: configuration comes from the
        // environment only.
        try (ConfigurableApplicationContext context = SpringApplication.run(DbMigrateApplication.class)) {
            failure = context.getBean(Migrator.class).run(command);
        }
        // Printed after the context is closed so that the reason is the last line of the
        // output, where `kubectl logs` and a Job's termination message show it.
        if (failure != null) {
            System.err.println("dbmigrate: " + failure);
            return 1;
        }
        return 0;
    }

    /**
     * One connection, no pool: Liquibase holds a single connection for the whole command
     * and the session lock lives on it, so closing it must really close it (a pool would
     * keep the lock alive in an idle connection).
     */
    @Bean
    SimpleDriverDataSource dataSource(DataSourceProperties dataSource, DbMigrateProperties dbmigrate) {
        SimpleDriverDataSource simple = dataSource.initializeDataSourceBuilder()
            .type(SimpleDriverDataSource.class)
            .build();
        Properties connectionProperties = new Properties();
        connectionProperties.putAll(dbmigrate.connectionProperties());
        simple.setConnectionProperties(connectionProperties);
        return simple;
    }

}
