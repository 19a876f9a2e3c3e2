package io.domaindesk.back.auth;

import java.time.Instant;
import java.util.Optional;

import io.domaindesk.back.user.User;
import io.domaindesk.back.user.UserRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/** Issues the built-in HMAC-signed access tokens. */
@Service
public class TokenService {

    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final JwtProperties properties;
    private final JwtEncoder encoder;
    /**
     * Checked when the e-mail is unknown, so that a failed sign-in costs one bcrypt
     * verification either way and timing does not tell which e-mails exist.
     */
    private final String unknownUserHash;

    public TokenService(UserRepository users, PasswordEncoder passwordEncoder, JwtProperties properties,
            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String externalIssuer) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.properties = properties;
        if (!externalIssuer.isBlank()) {
            // The external OpenID Connect issuer signs the tokens, even if JWT_SECRET is also set:
            // the back would refuse its own tokens.
            this.encoder = null;
        } else {
            this.encoder = NimbusJwtEncoder.withSecretKey(properties.secretKey()).build();
        }
        this.unknownUserHash = passwordEncoder.encode("not a password of anybody");
    }

    /** A token for these credentials, or empty when they are wrong. */
    @Transactional(readOnly = true)
    public Optional<AccessToken> issue(String email, String password) {
        if (encoder == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "Tokens come from the OpenID Connect issuer (OIDC_ISSUER_URI), not from this API.");
        }
        Optional<User> user = users.findByEmail(email.strip().toLowerCase());
        String hash = user.map(User::getPasswordHash).orElse(unknownUserHash);
        boolean matches = passwordEncoder.matches(password, hash);
        return user.filter(u -> matches).map(this::tokenFor);
    }

    private AccessToken tokenFor(User user) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .subject(Long.toString(user.getId()))
                .issuedAt(now)
                .expiresAt(now.plus(properties.ttl()))
                .claim("email", user.getEmail())
                .claim(SecurityConfig.ROLES_CLAIM, user.getRoles())
                .build();
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new AccessToken(token, "Bearer", properties.ttl().toSeconds());
    }

    public record AccessToken(String accessToken, String tokenType, long expiresIn) {
    }
}
