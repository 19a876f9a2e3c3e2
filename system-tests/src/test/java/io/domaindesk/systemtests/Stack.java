package io.domaindesk.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import io.domaindesk.testsupport.AppProcess;
import io.domaindesk.testsupport.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The DomainDesk stack the browser journeys drive, in one of two forms:
 *
 * <ul>
 * <li><b>self-started</b> (default): real processes wired the way a deployment wires
 * them, a fresh database, the dbmigrate job, the back, and the front on another origin
 * whose API_URL points the browser at the back (so CORS and the run-time config are
 * real);
 * <li><b>already running</b>, when {@code E2E_BASE_URL} is set: a deployed stack (kind,
 * compose, a cluster), signed in to with {@code E2E_ADMIN_EMAIL} and
 * {@code E2E_ADMIN_PASSWORD}. The API is where the front's {@code /config.json} says,
 * unless {@code E2E_API_URL} says otherwise; {@code E2E_INSECURE_TLS=true} accepts a
 * self-signed certificate. What the journeys create there is deleted afterwards when the
 * API allows it.
 * </ul>
 */
final class Stack implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    final String frontUrl;

    final String apiUrl;

    final String adminEmail;

    final String adminPassword;

    /**
     * True when E2E_INSECURE_TLS=true: the browser accepts the stack's certificate too.
     */
    final boolean insecureTls;

    private final HttpClient http;

    private final JsonMapper json = JsonMapper.builder().build();

    // Only for a self-started stack.
    private final TestDatabase database;

    private final List<AppProcess> processes = new ArrayList<>();

    // What the journeys created through the API, removed on close (an already running
    // stack keeps its data).
    private final List<Long> createdDomains = new ArrayList<>();

    private Stack(String frontUrl, String apiUrl, String adminEmail, String adminPassword, boolean insecureTls,
            TestDatabase database) {
        this.frontUrl = frontUrl;
        this.apiUrl = apiUrl;
        this.adminEmail = adminEmail;
        this.adminPassword = adminPassword;
        this.insecureTls = insecureTls;
        this.database = database;
        this.http = httpClient(insecureTls);
    }

    /** The running stack named by E2E_BASE_URL, else a new one started here. */
    static Stack fromEnvironment() {
        String baseUrl = System.getenv("E2E_BASE_URL");
        if (baseUrl == null || baseUrl.isBlank()) {
            return startHere();
        }
        return alreadyRunning(baseUrl.strip().replaceAll("/+$", ""));
    }

    /**
     * False against E2E_BASE_URL. A journey that needs what only a self-started stack has
     * (its database, its processes) must be excluded there, with the reason, e.g.
     * {@code assumeTrue(stack.selfStarted(), "needs the database")}: none does today.
     */
    boolean selfStarted() {
        return database != null;
    }

    private static Stack alreadyRunning(String baseUrl) {
        String email = required("E2E_ADMIN_EMAIL");
        String password = required("E2E_ADMIN_PASSWORD");
        boolean insecure = "true".equalsIgnoreCase(System.getenv("E2E_INSECURE_TLS"));
        String apiUrl = System.getenv("E2E_API_URL");
        if (apiUrl == null || apiUrl.isBlank()) {
            // Where the browser finds the API: the front's run-time configuration.
            URI config = URI.create(baseUrl + "/config.json");
            HttpResponse<String> answer = send(httpClient(insecure), HttpRequest.newBuilder(config).build());
            assertThat(answer.statusCode()).as("GET %s: %s", config, answer.body()).isEqualTo(200);
            String configured = JsonMapper.builder().build().readTree(answer.body()).get("apiUrl").asString();
            apiUrl = config.resolve(configured).toString();
        }
        return new Stack(baseUrl, apiUrl.replaceAll("/+$", ""), email, password, insecure, null);
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(
                    "E2E_BASE_URL is set, so " + name + " must be too (the journeys sign in as that administrator)");
        }
        return value;
    }

    private static Stack startHere() {
        // Four different ports: freePort() alone may hand out the same one twice.
        int[] ports = IntStream.generate(AppProcess::freePort).distinct().limit(4).toArray();
        String frontUrl = "http://localhost:" + ports[1];
        String apiUrl = "http://localhost:" + ports[0] + "/api/v1";
        Stack stack = new Stack(frontUrl, apiUrl, "admin@e2e.example.com", randomSecret(12), false,
                TestDatabase.create());
        try {
            stack.start(ports[0], ports[1], ports[2], ports[3]);
            return stack;
        }
        catch (RuntimeException | Error e) {
            stack.close(); // nothing may outlive a failed start
            throw e;
        }
    }

    private void start(int backPort, int frontPort, int backManagementPort, int frontManagementPort) {
        database.migrate(adminEmail, adminPassword);

        Map<String, String> backEnv = new HashMap<>(database.environment());
        backEnv.put("JWT_SECRET", randomSecret(48)); // HMAC key, ≥ 32 bytes, new for
                                                     // every run
        backEnv.put("SERVER_PORT", Integer.toString(backPort));
        backEnv.put("MANAGEMENT_SERVER_PORT", Integer.toString(backManagementPort));
        backEnv.put("CORS_ALLOWED_ORIGINS", frontUrl);
        AppProcess back = AppProcess.start("back", backEnv);
        processes.add(back);

        AppProcess front = AppProcess.start("front", Map.of("API_URL", apiUrl, "SERVER_PORT",
                Integer.toString(frontPort), "MANAGEMENT_SERVER_PORT", Integer.toString(frontManagementPort)));
        processes.add(front);

        back.awaitHttpOk("http://localhost:" + backManagementPort + "/actuator/health/readiness", START_TIMEOUT);
        front.awaitHttpOk("http://localhost:" + frontManagementPort + "/actuator/health/readiness", START_TIMEOUT);
    }

    /** A bearer token for the administrator, to prepare data without clicking. */
    String adminToken() {
        JsonNode answer = call("POST", "/auth/token", null,
                json.createObjectNode().put("email", adminEmail).put("password", adminPassword), 200);
        return answer.get("accessToken").asString();
    }

    long adminId(String token) {
        return call("GET", "/users/me", token, null, 200).get("id").asLong();
    }

    /** Creates a domain and returns its id; it is deleted again on close. */
    long createDomain(String token, String name, String registrar, String expiresAt, long ownerId) {
        long id = call("POST", "/domains", token,
                json.createObjectNode()
                    .put("name", name)
                    .put("registrar", registrar)
                    .put("expiresAt", expiresAt)
                    .put("ownerId", ownerId),
                201)
            .get("id")
            .asLong();
        createdDomains.add(id);
        return id;
    }

    void renameRegistrar(String token, long domainId, String registrar) {
        call("PATCH", "/domains/" + domainId, token, json.createObjectNode().put("registrar", registrar), 200);
    }

    /**
     * Deletes the user with this e-mail, if there is one (users the journeys created in
     * the UI).
     */
    void deleteUser(String token, String email) {
        for (JsonNode user : call("GET", "/users?q=" + email, token, null, 200).get("content")) {
            if (email.equals(user.get("email").asString())) {
                call("DELETE", "/users/" + user.get("id").asLong(), token, null, 204);
            }
        }
    }

    private JsonNode call(String method, String path, String token, JsonNode body, int expectedStatus) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiUrl + path))
            .header("Accept", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = send(http, request.build());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expectedStatus);
        return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code insecureTls} (E2E_INSECURE_TLS=true) only for a stack behind a self-signed
     * certificate (kind, a test cluster).
     */
    private static HttpClient httpClient(boolean insecureTls) {
        if (!insecureTls) {
            return HttpClient.newHttpClient();
        }
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] { trustAll }, new SecureRandom());
            return HttpClient.newBuilder().sslContext(tls).build();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String randomSecret(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    @Override
    public void close() {
        try {
            if (!selfStarted() && !createdDomains.isEmpty()) {
                String token = adminToken();
                for (long id : createdDomains) {
                    // 404: the journey deleted it itself.
                    send(http,
                            HttpRequest.newBuilder(URI.create(apiUrl + "/domains/" + id))
                                .header("Authorization", "Bearer " + token)
                                .DELETE()
                                .build());
                }
            }
        }
        finally {
            processes.reversed().forEach(AppProcess::close);
            if (database != null) {
                database.drop();
            }
        }
    }

}
