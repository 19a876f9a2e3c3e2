package io.domaindesk.back.auth;

import io.domaindesk.back.auth.TokenService.AccessToken;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/v1/auth")
class TokenController {

    private final TokenService tokens;

    TokenController(TokenService tokens) {
        this.tokens = tokens;
    }

    @PostMapping("/token")
    AccessToken token(@Valid @RequestBody Credentials credentials) {
        return tokens.issue(credentials.email(), credentials.password())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Wrong e-mail or password."));
    }

    record Credentials(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 1000) String password) {
    }
}
