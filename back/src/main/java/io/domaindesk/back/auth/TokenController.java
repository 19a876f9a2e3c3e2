package io.domaindesk.back.auth;

import io.domaindesk.back.auth.TokenService.AccessToken;
import io.domaindesk.back.error.NotFoundException;
import io.domaindesk.back.user.SignInPassword;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.context.annotation.Conditional;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Sign-in with the built-in issuer: e-mail and password for a bearer token. */
@Tag(name = "Authentication")
@RestController
@RequestMapping("/api/v1/auth")
@Conditional(TokenIssuerConfig.BuiltInIssuer.class)
class TokenController {

    private final TokenService tokens;

    private final SignInThrottle throttle;

    TokenController(TokenService tokens, SignInThrottle throttle) {
        this.tokens = tokens;
        this.throttle = throttle;
    }

    /**
     * 429 once too many sign-ins failed for the account or from the address, before the
     * password is checked. The address is the one server.forward-headers-strategy
     * resolved: the client's behind Traefik, never an X-Forwarded-For of its own choice.
     */
    @Operation(operationId = "createToken", summary = "Sign in: trade an e-mail and password for a bearer token")
    @PostMapping("/token")
    AccessToken token(@Valid @RequestBody Credentials credentials, HttpServletRequest request) {
        SignInThrottle.Attempt attempt = throttle.begin(credentials.email(), request.getRemoteAddr());
        AccessToken token = tokens.issue(credentials.email(), credentials.password())
            .orElseThrow(() -> new BadCredentialsException("Wrong e-mail or password."));
        attempt.succeeded();
        return token;
    }

    record Credentials(@NotBlank @Size(max = 254) String email, @NotBlank @SignInPassword String password) {
    }

    /**
     * With an external issuer, the same path tells a client where tokens come from
     * instead.
     */
    @Tag(name = "Authentication")
    @RestController
    @RequestMapping("/api/v1/auth")
    @Conditional(TokenIssuerConfig.ExternalIssuer.class)
    static class ExternalIssuerTokenController {

        @Operation(operationId = "createToken", summary = "Not available: tokens come from the external issuer")
        @PostMapping("/token")
        void token() {
            throw new NotFoundException(
                    "Tokens come from the OpenID Connect issuer (OIDC_ISSUER_URI), not from this API.");
        }

    }

}
