package io.domaindesk.front;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The front server over real HTTP, as a browser and Kubernetes see it: run-time
 * configuration, caching, security headers, compression, fallbacks and probes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "API_URL=https://api.example.test:8443/api/v1/", "MANAGEMENT_SERVER_PORT=0" })
class FrontServerTest {

    // java.net.http does not decompress: the gzip test sees the raw answer.
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void configReflectsApiUrlAndIsNeverCached() throws Exception {
        HttpResponse<String> config = get("/config.json");

        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(config.body()).isEqualTo("{\"apiUrl\":\"https://api.example.test:8443/api/v1\"}");
        assertThat(config.headers().firstValue("Cache-Control")).hasValue("no-cache");
    }

    @Test
    void entryPageIsRevalidatedAndNamesVersionedAssets() throws Exception {
        HttpResponse<String> index = get("/");

        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
        assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(index.body()).containsPattern("src=\"/assets/[0-9a-f]{12}/js/main.js\"")
            .containsPattern("href=\"/assets/[0-9a-f]{12}/css/app.css\"")
            .contains("href=\"/webjars/bootstrap/5.3.8/dist/css/bootstrap.min.css\"");

        String etag = index.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = send(request("/").header("If-None-Match", etag).build());
        assertThat(again.statusCode()).isEqualTo(304);
    }

    @Test
    void versionedAssetsAreCachedForeverAndModuleImportsShareTheVersion() throws Exception {
        String mainJs = assetUrl("js/main.js");

        HttpResponse<String> main = get(mainJs);
        assertThat(main.statusCode()).isEqualTo(200);
        assertThat(main.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
        assertThat(main.headers().firstValue("Cache-Control")).hasValue("max-age=31536000, public, immutable");
        assertThat(main.body()).contains("from './api.js'");

        // ./api.js imported by main.js resolves under the same versioned folder.
        HttpResponse<String> api = get(mainJs.replace("main.js", "api.js"));
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().firstValue("Cache-Control")).hasValue("max-age=31536000, public, immutable");

        HttpResponse<String> bootstrap = get("/webjars/bootstrap/5.3.8/dist/css/bootstrap.min.css");
        assertThat(bootstrap.statusCode()).isEqualTo(200);
        assertThat(bootstrap.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));
        assertThat(bootstrap.headers().firstValue("Cache-Control")).hasValue("max-age=31536000, public, immutable");
    }

    @Test
    void anOlderReleasesAssetUrlIsNotAnsweredWithTodaysFile() throws Exception {
        // Caching today's file under yesterday's immutable URL would poison caches.
        assertThat(get("/assets/000000000000/js/main.js").statusCode()).isEqualTo(404);
    }

    @Test
    void securityHeadersOnEveryAnswer() throws Exception {
        for (String path : new String[] { "/", "/config.json", assetUrl("js/main.js"), "/no-such.js" }) {
            HttpResponse<String> response = get(path);
            String csp = response.headers()
                .firstValue("Content-Security-Policy")
                .orElseThrow(() -> new AssertionError("no CSP on " + path));
            assertThat(csp)
                .contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'",
                        "frame-ancestors 'none'")
                .contains("connect-src 'self' https://api.example.test:8443;")
                .doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(response.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
        }
    }

    @Test
    void textIsCompressed() throws Exception {
        HttpResponse<byte[]> css = http.send(request(assetUrl("css/app.css")).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(css.body()).startsWith(0x1f, 0x8b); // the gzip magic number
    }

    @Test
    void clientSideRoutesGetTheEntryPage() throws Exception {
        for (String path : new String[] { "/domains", "/domains/42", "/users/new", "/signin?next=%2Fusers" }) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).contains("<main id=\"main\"");
        }
    }

    @Test
    void unknownFilesApiAndActuatorPathsAreNotSwallowed() throws Exception {
        for (String path : new String[] { "/api/unknown", "/api/v1/domains", "/actuator/health", "/missing.js",
                "/domains/missing.css", "/favicon.ico", "/assets/js/missing.js", "/webjars/nothing/1.0/x.js" }) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(404);
        }
        HttpResponse<String> post = send(
                request("/api/v1/auth/token").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(post.statusCode()).isEqualTo(404);
    }

    @Test
    void probesAndMetricsAnswerOnTheManagementPort() throws Exception {
        for (String path : new String[] { "/actuator/health/liveness", "/actuator/health/readiness" }) {
            HttpResponse<String> probe = management(path);
            assertThat(probe.statusCode()).as(path).isEqualTo(200);
            assertThat(probe.body()).as(path).contains("\"status\":\"UP\"");
        }
        HttpResponse<String> prometheus = management("/actuator/prometheus");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes", "application=\"front\"");
        HttpResponse<String> info = management("/actuator/info");
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body()).contains("\"api-url\":\"https://api.example.test:8443/api/v1/\"");
    }

    /** The versioned URL of an asset, as the entry page names it. */
    private String assetUrl(String file) throws Exception {
        Matcher matcher = Pattern.compile("\"(/assets/[0-9a-f]{12}/)").matcher(get("/").body());
        assertThat(matcher.find()).as("a versioned asset URL in index.html").isTrue();
        return matcher.group(1) + file;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).build());
    }

    private HttpResponse<String> management(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + path)).build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

}
