package io.domaindesk.back;

import java.util.UUID;

import io.domaindesk.testsupport.TestDatabase;

/**
 * A real database migrated by the real dbmigrate jar, as in production, with a known
 * administrator. One per test JVM: the tests create their own rows with unique names.
 */
public final class MigratedDatabase {

    public static final String ADMIN_EMAIL = "admin@domaindesk.test";

    public static final String ADMIN_PASSWORD = "admin-" + UUID.randomUUID();

    private static TestDatabase database;

    private MigratedDatabase() {
    }

    public static synchronized TestDatabase get() {
        if (database == null) {
            database = TestDatabase.create().migrate(ADMIN_EMAIL, ADMIN_PASSWORD);
        }
        return database;
    }

}
