package io.domaindesk.back.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.domaindesk.back.MigratedDatabase;
import io.domaindesk.testsupport.AppProcess;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The packaged jar, run as a container runs it: configured by environment variables only. */
class BackProcessIT {

    private static Map<String, String> environment(int port, int managementPort) {
        Map<String, String> env = new HashMap<>(MigratedDatabase.get().environment());
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

    @Test
    void logsJsonLinesWhenAskedServesAndExitsCleanlyOnSigterm() throws Exception {
        int port = AppProcess.freePort();
        int managementPort = AppProcess.freePort();
        Map<String, String> env = environment(port, managementPort);
        env.put("LOG_FORMAT", "json");
        try (AppProcess back = AppProcess.start("back", env)) {
            back.awaitHttpOk("http://localhost:" + managementPort + "/actuator/health/readiness", Duration.ofSeconds(90));

            HttpResponse<String> roles = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/roles")).build(),
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
