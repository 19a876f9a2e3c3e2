package io.domaindesk.front;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the front is told by its environment.
 *
 * @param apiUrl base URL of the REST API as the <em>browser</em> reaches it
 * ({@code API_URL}): {@code /api/v1} when the ingress or load balancer routes both under
 * one origin, or an absolute URL such as {@code https://api.example.com/api/v1} (the back
 * must then allow this front's origin with {@code CORS_ALLOWED_ORIGINS}).
 */
@ConfigurationProperties("domaindesk.front")
public record FrontProperties(String apiUrl) {

    public FrontProperties {
        if (apiUrl == null || apiUrl.isBlank()) {
            apiUrl = "/api/v1";
        }
        apiUrl = apiUrl.strip().replaceAll("/+$", "");
        URI uri = URI.create(apiUrl);
        // "api.example.com/api/v1" (no scheme) would be a path relative to the page the
        // browser is on: every call would reach this server and get the entry page.
        boolean path = !uri.isAbsolute() && (apiUrl.isEmpty() || apiUrl.startsWith("/"));
        boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
        if (!path && !http) {
            throw new IllegalArgumentException(
                    "API_URL must be a path starting with / or an http(s) URL, not " + apiUrl);
        }
    }

    /**
     * The API's origin when it lives on another host ({@code https://api.example.com}),
     * else {@code null}: the Content-Security-Policy must allow the browser to call it.
     */
    public String apiOrigin() {
        URI uri = URI.create(apiUrl);
        if (!uri.isAbsolute()) {
            return null;
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }
}
