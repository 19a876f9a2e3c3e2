package io.domaindesk.dbmigrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.domaindesk.testsupport.AppProcess;
import io.domaindesk.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * Runs the packaged {@code dbmigrate.jar} as a process against a real MySQL-compatible
 * database, the way the Kubernetes Job and the compose one-shot run it.
 */
class DbMigrateIT {

    private static final Duration RUN = Duration.ofSeconds(120);

    /**
     * Spelled as an operator might type it; stored lower-case, as the API stores e-mails.
     */
    private static final String ADMIN_EMAIL = "Admin@Example.com";

    private static final String SCHEMA_TAG = System.getProperty("schema.tag");

    private static final List<String> SCHEMA_TABLES = List.of("domains", "roles", "sign_in_throttle", "user_roles",
            "users");

    /** Generated per run: no password is written down anywhere in the repository. */
    private final String adminPassword = "pw-" + UUID.randomUUID();

    private TestDatabase db;

    @BeforeEach
    void createDatabase() {
        db = TestDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        db.drop();
    }

    @Test
    void updateCreatesTheSchemaAndTheFirstAdministratorThenHasNothingToDo() throws Exception {
        Run first = migrate(withAdmin(), "update");
        assertThat(first.exitCode()).as(first.output()).isZero();

        assertThat(tables()).containsAll(SCHEMA_TABLES);
        assertThat(column("users", "created_at")).isEqualTo("datetime(6) NO");
        assertThat(column("domains", "registrar")).isEqualTo("varchar(100) YES");
        assertThat(strings("SELECT name FROM roles ORDER BY name")).containsExactly("ADMIN", "AUDITOR", "DOMAIN_READ",
                "DOMAIN_WRITE", "USER_READ", "USER_WRITE");
        assertThat(strings(
                "SELECT CONCAT(u.id, ' ', u.email, ' ', r.role_name) FROM users u JOIN user_roles r ON r.user_id = u.id"))
            .containsExactly("1 admin@example.com ADMIN");
        assertThat(strings("SELECT description FROM roles WHERE name = 'AUDITOR'"))
            .containsExactly("Read-only access to domains and users");
        String hash = strings("SELECT password_hash FROM users").getFirst();
        assertThat(hash).startsWith("{bcrypt}$2a$10$");
        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches(adminPassword, hash)).isTrue();
        assertThat(everyStringInTheDatabase()).noneMatch(value -> value.contains(adminPassword));
        assertThat(first.output()).doesNotContain(adminPassword);
        assertThat(currentTag()).isEqualTo(SCHEMA_TAG);
        // The session lock was used (on MariaDB too): the row-lock table was never
        // created.
        assertThat(first.output()).contains("lock: MySQLLockService");
        assertThat(tables()).doesNotContain("DATABASECHANGELOGLOCK");

        // Again, without the admin variables and with JSON logs: nothing to do, nothing
        // needed.
        Run again = migrate(Map.of("LOG_FORMAT", "json"), "update");
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("Previously run:              16", "Run:                          0");
        assertThat(again.output().lines()).allMatch(line -> line.startsWith("{") && line.endsWith("}"));
        assertThat(strings("SELECT password_hash FROM users")).containsExactly(hash);

        Run status = migrate(Map.of(), "status");
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output()).contains("is up to date", "database tag: " + SCHEMA_TAG);

        Run validate = migrate(Map.of(), "validate");
        assertThat(validate.exitCode()).as(validate.output()).isZero();
        assertThat(validate.output()).contains("validate done");
    }

    @Test
    void rollsBackByTagAndCountAndUpdateRestoresTheSameSchema() throws Exception {
        assertThat(migrate(withAdmin(), "update").exitCode()).isZero();
        List<String> schema = schema();

        // Rolling back to the newest release's tag changes nothing.
        Run toNewest = migrate(Map.of(), "rollback", SCHEMA_TAG);
        assertThat(toNewest.exitCode()).as(toNewest.output()).isZero();
        assertThat(schema()).isEqualTo(schema);
        assertThat(currentTag()).isEqualTo(SCHEMA_TAG);

        // v2: none of v3 (no sign-in budgets, no users.token_version).
        Run toV2 = migrate(Map.of(), "rollback", "v2");
        assertThat(toV2.exitCode()).as(toV2.output()).isZero();
        assertThat(tables()).doesNotContain("sign_in_throttle");
        assertThat(currentTag()).isEqualTo("v2");
        List<String> schemaV2 = schema();

        // v1: the old AUDITOR description; e-mails stay lower-case (that rollback does
        // nothing); the schema is v2's.
        Run toV1 = migrate(Map.of(), "rollback", "v1");
        assertThat(toV1.exitCode()).as(toV1.output()).isZero();
        assertThat(schema()).isEqualTo(schemaV2);
        assertThat(currentTag()).isEqualTo("v1");
        assertThat(strings("SELECT description FROM roles WHERE name = 'AUDITOR'"))
            .containsExactly("Read-only access for audits");
        assertThat(strings("SELECT email FROM users")).containsExactly("admin@example.com");

        // The newest two changesets of v1: its tag, then the first administrator.
        Run count = migrate(Map.of(), "rollback-count", "2");
        assertThat(count.exitCode()).as(count.output()).isZero();
        assertThat(strings("SELECT email FROM users")).isEmpty();
        assertThat(strings("SELECT name FROM roles")).hasSize(6);
        assertThat(currentTag()).isEqualTo("v0");

        Run status = migrate(Map.of(), "status");
        assertThat(status.output()).contains("9 changesets have not been applied", "v1-first-administrator", "v1-tag",
                "v2-lower-case-emails", "v2-auditor-description", "v2-tag", "v3-create-sign-in-throttle",
                "v3-users-token-version", "v3-index-sign-in-throttle-expires-at", "v3-tag");

        // v0 is the empty schema: every release undone.
        Run toV0 = migrate(Map.of(), "rollback", "v0");
        assertThat(toV0.exitCode()).as(toV0.output()).isZero();
        assertThat(tables()).containsExactly("DATABASECHANGELOG");

        Run update = migrate(withAdmin(), "update");
        assertThat(update.exitCode()).as(update.output()).isZero();
        assertThat(schema()).isEqualTo(schema);
        assertThat(currentTag()).isEqualTo(SCHEMA_TAG);
    }

    @Test
    void upgradingFromV1LowerCasesTheEmailsItStoredAsTyped() throws Exception {
        assertThat(migrate(withAdmin(), "update").exitCode()).isZero();
        assertThat(migrate(Map.of(), "rollback", "v1").exitCode()).isZero();
        // What v1 stored for ADMIN_EMAIL=Admin@Example.com, and a user the API created.
        execute("UPDATE users SET email = 'Admin@Example.com' WHERE id = 1");
        execute("INSERT INTO users (email, first_name, last_name, password_hash, version, created_at, updated_at)"
                + " VALUES ('rita@example.com', 'Rita', 'Reader', '{bcrypt}x', 3, NOW(6), NOW(6))");

        Run upgrade = migrate(Map.of(), "update");

        assertThat(upgrade.exitCode()).as(upgrade.output()).isZero();
        assertThat(strings("SELECT CONCAT(email, ' ', version) FROM users ORDER BY id"))
            .containsExactly("admin@example.com 1", "rita@example.com 3");
        assertThat(strings("SELECT description FROM roles WHERE name = 'AUDITOR'"))
            .containsExactly("Read-only access to domains and users");
        assertThat(currentTag()).isEqualTo(SCHEMA_TAG);
    }

    @Test
    void twoMigratorsAtOnceBothSucceedAndTheSchemaIsWhole() throws Exception {
        try (AppProcess one = AppProcess.start("dbmigrate", env(withAdmin()), "update");
                AppProcess two = AppProcess.start("dbmigrate", env(withAdmin()), "update")) {
            assertThat(one.awaitExit(RUN)).as(one.output()).isZero();
            assertThat(two.awaitExit(RUN)).as(two.output()).isZero();
            // One applied the changesets, the other found them applied.
            assertThat(List.of(one.output(), two.output()))
                .anyMatch(output -> output.contains("Previously run:               0"))
                .anyMatch(output -> output.contains("Previously run:              16"));
        }
        assertThat(tables()).containsAll(SCHEMA_TABLES);
        assertThat(strings("SELECT COUNT(*) FROM users")).containsExactly("1");
        assertThat(strings("SELECT COUNT(DISTINCT id) FROM DATABASECHANGELOG")).containsExactly("16");
        assertThat(strings("SELECT COUNT(*) FROM DATABASECHANGELOG")).containsExactly("16");
    }

    @Test
    void aMigratorKilledMidRunDoesNotBlockTheNextOne() throws Exception {
        try (AppProcess killed = AppProcess.start("dbmigrate", env(withAdmin()), "update")) {
            awaitOutput(killed, "Running Changeset");
            killed.kill();
            assertThat(killed.output()).doesNotContain("update done");
        }
        Instant start = Instant.now();
        Run next = migrate(withAdmin(), "update");
        assertThat(next.exitCode()).as(next.output()).isZero();
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(60));
        assertThat(tables()).containsAll(SCHEMA_TABLES);
        assertThat(strings("SELECT COUNT(*) FROM roles")).containsExactly("6");
        assertThat(currentTag()).isEqualTo(SCHEMA_TAG);
    }

    @Test
    void aMigratorWaitingForTheLockStopsCleanlyOnSigterm() throws Exception {
        // Another session holds the migration lock, as a running migrator would.
        try (Connection other = db.connect(); Statement statement = other.createStatement()) {
            statement.execute("SELECT GET_LOCK('" + db.name().toUpperCase() + ".DATABASECHANGELOGLOCK', 0)");
            try (AppProcess waiting = AppProcess.start("dbmigrate", env(withAdmin()), "update")) {
                // Logged once GET_LOCK has timed out: the migrator really is blocked by
                // the lock
                // held above (a message from before the lock would not tell).
                awaitOutput(waiting, "Waiting for changelog lock");
                Instant start = Instant.now();
                waiting.terminate();
                assertThat(waiting.awaitExit(Duration.ofSeconds(15))).isEqualTo(143);
                assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
                assertThat(waiting.output()).doesNotContain("\tat ");
            }
        }
        assertThat(tables()).doesNotContainAnyElementsOf(SCHEMA_TABLES);
    }

    @Test
    void releaseLocksClearsAStaleRowLock() throws Exception {
        // What a Liquibase without the session-lock extension leaves behind when it is
        // killed.
        execute("CREATE TABLE DATABASECHANGELOGLOCK (ID INT NOT NULL PRIMARY KEY, LOCKED TINYINT(1) NOT NULL,"
                + " LOCKGRANTED DATETIME NULL, LOCKEDBY VARCHAR(255) NULL)");
        execute("INSERT INTO DATABASECHANGELOGLOCK VALUES (1, 1, NOW(), 'old-migrator (10.0.0.7)')");

        Run run = migrate(Map.of(), "release-locks");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Releasing the row lock held by old-migrator (10.0.0.7)");
        assertThat(strings("SELECT LOCKED FROM DATABASECHANGELOGLOCK")).containsExactly("0");
    }

    @Test
    void wrongPasswordFailsFastInOneLine() {
        assertFailsToConnect(Map.of("DB_PASSWORD", "not-the-password"), "Access denied for user");
    }

    @Test
    void unreachableServerFailsFastInOneLine() {
        assertFailsToConnect(Map.of("DB_HOST", "127.0.0.1", "DB_PORT", Integer.toString(AppProcess.freePort())),
                "Connection refused");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|',
            textBlock = """
                    missing password   | admin@example.com |                                            | ADMIN_PASSWORD is not set
                    too short          | admin@example.com | eleven char                                | ADMIN_PASSWORD is shorter than 12 characters
                    over 72 bytes      | admin@example.com | ééééééééééééééééééééééééééééééééééééé       | ADMIN_PASSWORD is longer than 72 bytes
                    not an e-mail      | admin             | a long enough password                     | ADMIN_EMAIL is not an e-mail address
                    """)
    void aBadAdministratorAccountAppliesNothing(String name, String email, String password, String reason)
            throws Exception {
        Map<String, String> admin = new HashMap<>();
        admin.put("ADMIN_EMAIL", email);
        if (password != null) {
            admin.put("ADMIN_PASSWORD", password);
        }
        Run run = migrate(admin, "update");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.lastLine()).startsWith("dbmigrate: update failed: ").contains(reason);
        assertThat(run.output()).doesNotContain("\tat ");
        if (password != null) {
            assertThat(run.output()).doesNotContain(password);
        }
        List<String> tables = tables();
        assertThat(tables).doesNotContainAnyElementsOf(SCHEMA_TABLES);
        if (tables.contains("DATABASECHANGELOG")) {
            assertThat(strings("SELECT COUNT(*) FROM DATABASECHANGELOG")).containsExactly("0");
        }
    }

    @Test
    void aPlaceholderSecretIsRefusedBeforeAnythingRuns() throws Exception {
        Run run = migrate(Map.of("ADMIN_EMAIL", ADMIN_EMAIL, "ADMIN_PASSWORD", "change-me-admin-password"), "update");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.lastLine()).isEqualTo("dbmigrate: ADMIN_PASSWORD is a placeholder value, not a secret:"
                + " set it to a real secret (for example from openssl rand -base64 32)");
        assertThat(tables()).isEmpty();
    }

    @Test
    void aWrongCommandLineShowsTheUsage() {
        Run unknown = migrate(Map.of(), "migrate");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.lastLine()).isEqualTo("dbmigrate: unknown command 'migrate'; " + Command.USAGE);

        Run noCount = migrate(Map.of(), "rollback-count");
        assertThat(noCount.exitCode()).isEqualTo(2);
        assertThat(noCount.lastLine()).contains("rollback-count needs a count", "usage:");
    }

    private void assertFailsToConnect(Map<String, String> extra, String reason) {
        Instant start = Instant.now();
        Run run = migrate(extra, "update");
        // Well below RUN, the time migrate() allows: a hanging connection attempt fails
        // here.
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(20));
        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.lastLine()).startsWith("dbmigrate: cannot connect to jdbc:mysql://").contains(reason);
        assertThat(run.output()).doesNotContain("\tat ", "Exception");
    }

    // --- helpers ---

    record Run(int exitCode, String output) {
        String lastLine() {
            List<String> lines = output.lines().toList();
            return lines.isEmpty() ? "" : lines.getLast();
        }
    }

    private Run migrate(Map<String, String> extra, String... args) {
        try (AppProcess process = AppProcess.start("dbmigrate", env(extra), args)) {
            int exitCode = process.awaitExit(RUN);
            return new Run(exitCode, process.output());
        }
    }

    private Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(db.environment());
        env.putAll(extra);
        return env;
    }

    private Map<String, String> withAdmin() {
        return Map.of("ADMIN_EMAIL", ADMIN_EMAIL, "ADMIN_PASSWORD", adminPassword);
    }

    private static void awaitOutput(AppProcess process, String text) throws InterruptedException {
        Instant deadline = Instant.now().plus(RUN);
        while (!process.output().contains(text)) {
            assertThat(process.isAlive()).as("still running, waiting for '%s':%n%s", text, process.output()).isTrue();
            assertThat(Instant.now()).as("'%s' in time", text).isBefore(deadline);
            Thread.sleep(20);
        }
    }

    private List<String> tables() throws SQLException {
        return strings(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name");
    }

    private String column(String table, String column) throws SQLException {
        return strings("SELECT CONCAT(column_type, ' ', is_nullable) FROM information_schema.columns"
                + " WHERE table_schema = DATABASE() AND table_name = '" + table + "' AND column_name = '" + column
                + "'")
            .getFirst();
    }

    private String currentTag() throws SQLException {
        return strings("SELECT tag FROM DATABASECHANGELOG WHERE tag IS NOT NULL ORDER BY orderexecuted DESC LIMIT 1")
            .getFirst();
    }

    /**
     * What `update, rollback, update` must leave unchanged: tables, columns, indexes,
     * constraints.
     */
    private List<String> schema() throws SQLException {
        List<String> schema = new ArrayList<>();
        String own = " WHERE table_schema = DATABASE() AND table_name NOT LIKE 'DATABASECHANGELOG%'";
        schema.addAll(strings(
                "SELECT CONCAT_WS(' ', table_name, engine, table_collation) FROM information_schema.tables" + own));
        schema
            .addAll(strings("SELECT CONCAT_WS(' ', table_name, ordinal_position, column_name, column_type, is_nullable,"
                    + " IFNULL(column_default, '-'), extra, IFNULL(collation_name, '-')) FROM information_schema.columns"
                    + own));
        schema.addAll(strings("SELECT CONCAT_WS(' ', table_name, index_name, seq_in_index, column_name, non_unique)"
                + " FROM information_schema.statistics" + own));
        schema.addAll(strings("SELECT CONCAT_WS(' ', table_name, constraint_name, constraint_type)"
                + " FROM information_schema.table_constraints" + own));
        schema.addAll(strings(
                "SELECT CONCAT_WS(' ', table_name, constraint_name, referenced_table_name, update_rule, delete_rule)"
                        + " FROM information_schema.referential_constraints WHERE constraint_schema = DATABASE()"));
        schema.sort(null);
        return schema;
    }

    private List<String> everyStringInTheDatabase() throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (String table : tables()) {
                try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            values.add(String.valueOf(rows.getObject(i)));
                        }
                    }
                }
            }
        }
        return values;
    }

    private List<String> strings(String sql) throws SQLException {
        try (Connection connection = db.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

}
