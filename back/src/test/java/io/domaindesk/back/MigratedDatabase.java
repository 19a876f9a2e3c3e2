package io.domaindesk.back;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.domaindesk.testsupport.AppProcess;
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
            database = migrate(TestDatabase.create());
        }
        return database;
    }

    /** Runs {@code dbmigrate update} on {@code db}; fails with its output if it does not exit 0. */
    public static TestDatabase migrate(TestDatabase db) {
        Map<String, String> env = new HashMap<>(db.environment());
        env.put("ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("ADMIN_PASSWORD", ADMIN_PASSWORD);
        try (AppProcess dbmigrate = AppProcess.start("dbmigrate", env, "update")) {
            int exit = dbmigrate.awaitExit(Duration.ofMinutes(2));
            if (exit != 0) {
                throw new IllegalStateException("dbmigrate update exited " + exit + ":\n" + dbmigrate.output());
            }
        }
        return db;
    }
}
