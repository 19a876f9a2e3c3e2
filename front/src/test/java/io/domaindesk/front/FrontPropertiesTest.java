package io.domaindesk.front;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

/**
 * API_URL as the operator may write it: what the browser gets, and what stops the start.
 */
class FrontPropertiesTest {

    @Test
    void aPathOrAnHttpUrlIsKeptWithoutTrailingSlashes() {
        assertThat(new FrontProperties(null).apiUrl()).isEqualTo("/api/v1");
        assertThat(new FrontProperties(" /api/v1/ ").apiUrl()).isEqualTo("/api/v1");
        assertThat(new FrontProperties("/").apiUrl()).isEmpty();
        assertThat(new FrontProperties("https://api.example.com/api/v1/").apiUrl())
            .isEqualTo("https://api.example.com/api/v1");
    }

    @Test
    void onlyAnAbsoluteUrlAddsAnOriginToTheContentSecurityPolicy() {
        assertThat(new FrontProperties("/api/v1").apiOrigin()).isNull();
        assertThat(new FrontProperties("https://api.example.com/api/v1").apiOrigin())
            .isEqualTo("https://api.example.com");
        assertThat(new FrontProperties("http://localhost:8080/api/v1").apiOrigin()).isEqualTo("http://localhost:8080");
    }

    @Test
    void anythingElseStopsTheStart() {
        // Without a scheme the browser would resolve it against the page's own path.
        assertThatIllegalArgumentException().isThrownBy(() -> new FrontProperties("api.example.com/api/v1"));
        assertThatIllegalArgumentException().isThrownBy(() -> new FrontProperties("ftp://api.example.com/api/v1"));
    }

}
