package io.domaindesk.appsupport;

import io.domaindesk.appsupport.PlaceholderSecretsEnvironmentPostProcessor.PlaceholderSecretException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the reason a placeholder secret stopped the app, without a stack trace. */
class PlaceholderSecretFailureAnalyzer extends AbstractFailureAnalyzer<PlaceholderSecretException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PlaceholderSecretException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Replace the value copied from an example file (*.env.example) with a generated one.", cause);
    }

}
