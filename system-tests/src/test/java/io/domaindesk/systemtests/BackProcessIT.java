package io.domaindesk.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.domaindesk.testsupport.AppProcess;
import io.domaindesk.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged jar, run as a container runs it: configured by environment variables only.
 */
class BackProcessIT {

    private static TestDatabase database;

    @BeforeAll
    static void migrateDatabase() {
        database = TestDatabase.create().migrate("admin@domaindesk.test", "admin-" + UUID.randomUUID());
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.drop();
        }
    }

    private static Map<String, String> environment(int port, int managementPort) {
        Map<String, String> env = new HashMap<>(database.environment());
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("MANAGEMENT_SERVER_PORT", Integer.toString(managementPort));
        env.put("JWT_SECRET", "process-test-secret-of-at-least-32-bytes");
        return env;
    }

    @Test
    void refusesToStartWithoutJwtSecret() {
        Map<String, String> env = environment(AppProcess.freePort(), AppProcess.freePort());
        env.remove("JWT_SECRET");
        try (AppProcess back = AppProcess.start("back", env)) {
            assertThat(back.awaitExit(Duration.ofSeconds(90))).isNotZero();
            assertThat(back.output()).contains("JWT_SECRET is not set");
        }
    }

    @Test
    void refusesAShortJwtSecret() {
        Map<String, String> env = environment(AppProcess.freePort(), AppProcess.freePort());
        env.put("JWT_SECRET", "too-short");
        try (AppProcess back = AppProcess.start("back", env)) {
            assertThat(back.awaitExit(Duration.ofSeconds(90))).isNotZero();
            assertThat(back.output()).contains("it must be at least 32 bytes");
        }
    }

    /** Values of the example files: a copy that was never filled in must not start. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({ "JWT_SECRET, change-me-to-a-random-key-of-at-least-32-bytes", "DB_PASSWORD, change-me-app-password", })
    void refusesAPlaceholderSecretInOneLine(String variable, String placeholder) {
        Map<String, String> env = environment(AppProcess.freePort(), AppProcess.freePort());
        env.put(variable, placeholder);
        try (AppProcess back = AppProcess.start("back", env)) {
            assertThat(back.awaitExit(Duration.ofSeconds(90))).isNotZero();
            assertThat(back.output().lines())
                .contains(variable + " is a placeholder value, not a secret: set it to a real secret"
                        + " (for example from openssl rand -base64 32)");
            assertThat(back.output()).doesNotContain("\tat ");
        }
    }

    @Test
    void logsJsonLinesWhenAskedServesAndExitsCleanlyOnSigterm() throws Exception {
        int port = AppProcess.freePort();
        int managementPort = AppProcess.freePort();
        Map<String, String> env = environment(port, managementPort);
        env.put("LOG_FORMAT", "json");
        try (AppProcess back = AppProcess.start("back", env)) {
            back.awaitHttpOk("http://localhost:" + managementPort + "/actuator/health/readiness",
                    Duration.ofSeconds(90));

            HttpResponse<String> roles = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/roles")).build(),
                        HttpResponse.BodyHandlers.ofString());
            assertThat(roles.statusCode()).isEqualTo(401);

            back.terminate();
            assertThat(back.awaitExit(Duration.ofSeconds(30))).isIn(0, 143);
            JsonMapper json = JsonMapper.builder().build();
            String[] lines = back.output().strip().split("\n");
            assertThat(lines).hasSizeGreaterThan(5);
            for (String line : lines) {
                assertThat(json.readTree(line).has("@timestamp")).as(line).isTrue();
            }
            assertThat(back.output()).contains("Commencing graceful shutdown");
        }
    }

}
