package io.domaindesk.back;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The back's settings are checked at start-up: a bad value stops it, naming the property.
 */
class BackPropertiesTest {

    @EnableConfigurationProperties(BackProperties.class)
    static class Settings {

    }

    /** Valid values, as application.yaml gives them; each test spoils one. */
    private final ApplicationContextRunner back = new ApplicationContextRunner().withUserConfiguration(Settings.class)
        .withPropertyValues("domaindesk.instance-id=back-1", "domaindesk.jwt.secret=", "domaindesk.jwt.ttl=15m",
                "domaindesk.jwt.issuer=domaindesk", "domaindesk.jwt.audience=domaindesk-api",
                "domaindesk.cors.allowed-origins=", "domaindesk.schema.required-tag=v1",
                "domaindesk.api.max-body-size=1MB");

    @Test
    void theDefaultsBind() {
        back.run(context -> {
            BackProperties properties = context.getBean(BackProperties.class);
            assertThat(properties.jwt().ttl()).isEqualTo(Duration.ofMinutes(15));
            assertThat(properties.cors().allowedOrigins()).isEmpty();
            assertThat(properties.api().maxBodySize().toBytes()).isEqualTo(1024 * 1024);
            assertThat(properties.signIn())
                .isEqualTo(new BackProperties.SignIn(5, Duration.ofMinutes(15), 20, Duration.ofMinutes(15)));
        });
    }

    @Test
    void corsOriginsAreTrimmedAndBlanksDropped() {
        back.withPropertyValues(
                "domaindesk.cors.allowed-origins= https://domaindesk.example.com , ,http://localhost:8090")
            .run(context -> assertThat(context.getBean(BackProperties.class).cors().allowedOrigins())
                .containsExactly("https://domaindesk.example.com", "http://localhost:8090"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|',
            value = { "domaindesk.jwt.ttl             | 0s                              | jwt.ttl",
                    "domaindesk.jwt.ttl             | -5m                             | jwt.ttl",
                    "domaindesk.jwt.issuer          | ' '                             | jwt.issuer",
                    "domaindesk.jwt.audience        | ' '                             | jwt.audience",
                    "domaindesk.instance-id         | ' '                             | instanceId",
                    "domaindesk.schema.required-tag | ' '                             | schema.requiredTag",
                    "domaindesk.api.max-body-size   | 0B                              | api.maxBodySizePositive",
                    "domaindesk.cors.allowed-origins| https://domaindesk.example.com/ | cors.allowedOrigins[0]",
                    "domaindesk.cors.allowed-origins| domaindesk.example.com          | cors.allowedOrigins[0]",
                    "domaindesk.sign-in.account-failures | 0                         | signIn.accountFailures",
                    "domaindesk.sign-in.address-window   | 0s                        | signIn.addressWindow", })
    void anInvalidValueStopsTheStartNamingTheProperty(String property, String value, String field) {
        back.withPropertyValues(property + "=" + value)
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .hasStackTraceContaining("Field error in object 'domaindesk' on field '" + field + "'"));
    }

    @Test
    void theBuiltInIssuerRefusesAMissingOrShortSecret() {
        assertThatIllegalStateException().isThrownBy(() -> jwt("").secretKey())
            .withMessageStartingWith("JWT_SECRET is not set");
        assertThatIllegalStateException().isThrownBy(() -> jwt("é".repeat(15)).secretKey())
            .withMessage("JWT_SECRET is 30 bytes long; it must be at least 32 bytes.");
        assertThat(jwt("x".repeat(32)).secretKey().getEncoded()).hasSize(32);
    }

    @Test
    void theSecretNeverShowsInToString() {
        assertThat(jwt("a-secret-of-at-least-thirty-two-bytes").toString()).doesNotContain("a-secret");
    }

    private static BackProperties.Jwt jwt(String secret) {
        return new BackProperties.Jwt(secret, Duration.ofMinutes(15), "domaindesk", "domaindesk-api");
    }

}
