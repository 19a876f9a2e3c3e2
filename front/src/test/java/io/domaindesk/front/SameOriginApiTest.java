package io.domaindesk.front;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Without API_URL: the API is on the same origin, behind the same ingress. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "MANAGEMENT_SERVER_PORT=0")
class SameOriginApiTest {

    @LocalServerPort
    int port;

    @Test
    void defaultsToTheSameOriginAndAllowsNoOtherOne() throws Exception {
        HttpResponse<String> config = HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/config.json")).build(),
                    HttpResponse.BodyHandlers.ofString());

        assertThat(config.body()).isEqualTo("{\"apiUrl\":\"/api/v1\"}");
        assertThat(config.headers().firstValue("Content-Security-Policy").orElseThrow())
            .contains("connect-src 'self';");
    }

}
