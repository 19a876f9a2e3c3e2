package io.domaindesk.front;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The browser's run-time configuration. The UI fetches it before anything else, so one
 * image serves every environment: only the container's {@code API_URL} changes, nothing
 * is rebuilt.
 */
@RestController
class ClientConfigController {

    /** What the UI reads; keep it free of secrets, anyone can fetch it. */
    record ClientConfig(String apiUrl) {
    }

    private final ClientConfig config;

    ClientConfigController(FrontProperties properties) {
        this.config = new ClientConfig(properties.apiUrl());
    }

    @GetMapping("/config.json")
    ResponseEntity<ClientConfig> config() {
        // no-cache: a redeploy with another API_URL must be seen at the next page load.
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(config);
    }

}
