package io.domaindesk.appsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class PlaceholderSecretsTest {

    @ParameterizedTest
    @ValueSource(strings = { "change-me-admin-password", "changeme", "CHANGE_ME", "change me please", "changeit",
            "example-secret", "my-placeholder", "your-jwt-secret", "your_password", "<jwt secret>", "xxx",
            "XXXXXXXXXXXX", " change-me-app-password " })
    void refusesWhatLooksLikeAPlaceholder(String value) {
        assertThat(PlaceholderSecrets.isPlaceholder(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "q3J9vX0fZ2m8yL5tW1pK7rD4sH6bN0cE2gA9uF1iO3", "correct horse battery staple",
            "pw-5f0c8a0e-8f4e-4a51-9d1b-6f1f2c9e3b7a", "Yourself1234", "axxxb-long-enough" })
    void acceptsARealSecret(String value) {
        assertThat(PlaceholderSecrets.isPlaceholder(value)).isFalse();
    }

    @Test
    void namesTheVariableInOneLineWithoutItsValue() {
        Map<String, String> env = Map.of("DB_PASSWORD", "a-real-one-4f9d8c", "ADMIN_PASSWORD",
                "change-me-admin-password");

        assertThat(PlaceholderSecrets.problem(env::get))
            .hasValueSatisfying(reason -> assertThat(reason).startsWith("ADMIN_PASSWORD is a placeholder value")
                .doesNotContain("change-me-admin-password", "\n"));
        assertThat(PlaceholderSecrets.problem(Map.of("JWT_SECRET", "")::get)).isEmpty();
        assertThat(PlaceholderSecrets.problem(Map.<String, String>of()::get)).isEmpty();
    }

    @Test
    void theEnvironmentPostProcessorStopsTheStart() {
        MockEnvironment environment = new MockEnvironment().withProperty("JWT_SECRET", "your-secret-here");

        assertThatThrownBy(() -> new PlaceholderSecretsEnvironmentPostProcessor().postProcessEnvironment(environment,
                new SpringApplication()))
            .hasMessageStartingWith("JWT_SECRET is a placeholder value");
        new PlaceholderSecretsEnvironmentPostProcessor().postProcessEnvironment(
                new MockEnvironment().withProperty("JWT_SECRET", "k7Hq2pLm9xZ4vB8nR1tY6wC3sD0fG5jA"),
                new SpringApplication());
    }

}
