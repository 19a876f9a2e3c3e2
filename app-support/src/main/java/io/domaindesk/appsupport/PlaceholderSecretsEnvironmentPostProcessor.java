package io.domaindesk.appsupport;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Stops any app that has this jar on its class path before it starts anything, when a
 * secret is a placeholder (registered in META-INF/spring.factories; the reason is printed
 * by {@link PlaceholderSecretFailureAnalyzer}).
 */
class PlaceholderSecretsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        PlaceholderSecrets.problem(environment::getProperty).ifPresent(reason -> {
            throw new PlaceholderSecretException(reason);
        });
    }

    static final class PlaceholderSecretException extends IllegalStateException {

        PlaceholderSecretException(String reason) {
            super(reason);
        }

    }

}
