package io.domaindesk.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;

/**
 * A fresh, empty MySQL-compatible database for one test suite.
 *
 * <p>
 * The server comes from {@code TEST_DB_URL}, {@code TEST_DB_USER} and
 * {@code TEST_DB_PASSWORD} when they are set (a JDBC URL of the server, without a
 * database, whose user may create databases), else from a Testcontainers
 * {@code mysql:8.4} when a Docker engine answers. Without either the tests fail with the
 * instructions below: they are never skipped.
 */
public record TestDatabase(String host, int port, String name, String user, String password) {

    static final String HOW_TO_PROVIDE = """
            No test database. Either set TEST_DB_URL (for example jdbc:mysql://127.0.0.1:3306), \
            TEST_DB_USER and TEST_DB_PASSWORD to a MySQL 8.4 or MariaDB server whose user may \
            create databases (.ci/setup-test-db.sh makes one on a local server), or start a Docker \
            engine so that Testcontainers can run mysql:8.4.""";

    /**
     * Connection parameters appended to every URL handed out: the same ones the apps use.
     */
    private static final String URL_PARAMETERS = "?connectTimeout=5000&socketTimeout=30000";

    /** Creates a new database with a unique name on the test server. */
    public static TestDatabase create() {
        Server server = Server.get();
        String name = "dd_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = server.connect()) {
            connection.createStatement()
                .execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return new TestDatabase(server.host(), server.port(), name, server.user(), server.password());
    }

    public String jdbcUrl() {
        return "jdbc:mysql://" + host + ":" + port + "/" + name + URL_PARAMETERS;
    }

    /** The DB_* variables, as the apps read them. */
    public Map<String, String> environment() {
        return Map.of("DB_HOST", host, "DB_PORT", Integer.toString(port), "DB_NAME", name, "DB_USER", user,
                "DB_PASSWORD", password);
    }

    /**
     * Migrates this database with the real {@code dbmigrate} jar ({@code update}),
     * creating the first administrator; fails with dbmigrate's output unless it exits 0.
     */
    public TestDatabase migrate(String adminEmail, String adminPassword) {
        Map<String, String> env = new HashMap<>(environment());
        env.put("ADMIN_EMAIL", adminEmail);
        env.put("ADMIN_PASSWORD", adminPassword);
        try (AppProcess dbmigrate = AppProcess.start("dbmigrate", env, "update")) {
            int exit = dbmigrate.awaitExit(Duration.ofMinutes(2));
            if (exit != 0) {
                throw new IllegalStateException("dbmigrate update exited " + exit + ":\n" + dbmigrate.output());
            }
        }
        return this;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    public void drop() {
        try (Connection connection = Server.get().connect()) {
            connection.createStatement().execute("DROP DATABASE IF EXISTS " + name);
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot drop test database " + name + ": " + e.getMessage(), e);
        }
    }

    /** The server every database of this JVM lives on; found once. */
    private record Server(String host, int port, String user, String password) {

        private static Server instance;

        static synchronized Server get() {
            if (instance == null) {
                instance = locate();
            }
            return instance;
        }

        private static Server locate() {
            String url = System.getenv("TEST_DB_URL");
            if (url != null && !url.isBlank()) {
                return fromUrl(url, env("TEST_DB_USER", "root"), env("TEST_DB_PASSWORD", ""));
            }
            if (dockerAnswers()) {
                @SuppressWarnings("resource") // lives as long as the JVM; Ryuk removes it
                                              // afterwards
                MySQLContainer mysql = new MySQLContainer("mysql:8.4").withUsername("root");
                mysql.start();
                return new Server(mysql.getHost(), mysql.getMappedPort(3306), "root", mysql.getPassword());
            }
            throw new IllegalStateException(HOW_TO_PROVIDE);
        }

        private static Server fromUrl(String url, String user, String password) {
            var matcher = Pattern.compile("jdbc:(?:mysql|mariadb)://([^:/?]+)(?::(\\d+))?.*").matcher(url);
            if (!matcher.matches()) {
                throw new IllegalStateException("TEST_DB_URL must look like jdbc:mysql://HOST[:PORT], not " + url);
            }
            int port = matcher.group(2) == null ? 3306 : Integer.parseInt(matcher.group(2));
            Server server = new Server(matcher.group(1), port, user, password);
            try (Connection ignored = server.connect()) {
                return server;
            }
            catch (SQLException e) {
                throw new IllegalStateException(
                        "TEST_DB_URL " + url + " does not answer (" + e.getMessage() + "). " + HOW_TO_PROVIDE, e);
            }
        }

        private static boolean dockerAnswers() {
            try {
                return DockerClientFactory.instance().isDockerAvailable();
            }
            catch (RuntimeException e) {
                return false;
            }
        }

        Connection connect() throws SQLException {
            return DriverManager.getConnection("jdbc:mysql://" + host + ":" + port + "/" + URL_PARAMETERS, user,
                    password);
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null ? fallback : value;
        }
    }
}
