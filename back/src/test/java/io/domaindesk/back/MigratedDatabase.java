package io.domaindesk.back;

import java.util.UUID;

import io.domaindesk.testsupport.TestDatabase;

/**
 * A real database migrated by the real dbmigrate jar, as in production, with a known
 * administrator. One per test JVM, dropped when it exits: the tests create their own rows
 * with unique names.
 */
public final class MigratedDatabase {

    public static final String ADMIN_EMAIL = "admin@domaindesk.test";

    public static final String ADMIN_PASSWORD = "admin-" + UUID.randomUUID();

    private static TestDatabase database;

    private MigratedDatabase() {
    }

    public static synchronized TestDatabase get() {
        if (database == null) {
            TestDatabase created = TestDatabase.create().migrate(ADMIN_EMAIL, ADMIN_PASSWORD);
            // Dropped when the test JVM exits, so that test runs leave no databases
            // behind.
            Runtime.getRuntime().addShutdownHook(new Thread(created::drop, "drop-test-database"));
            database = created;
        }
        return database;
    }

}
