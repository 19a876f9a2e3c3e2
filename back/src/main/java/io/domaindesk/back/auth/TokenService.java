package io.domaindesk.back.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.domaindesk.back.BackProperties;
import io.domaindesk.back.user.User;
import io.domaindesk.back.user.UserRepository;
import io.domaindesk.back.user.UserService;
import org.springframework.context.annotation.Conditional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues the built-in HMAC-signed access tokens; absent when an external issuer signs
 * them.
 */
@Service
@Conditional(TokenIssuerConfig.BuiltInIssuer.class)
public class TokenService {

    private final UserRepository users;

    private final PasswordEncoder passwordEncoder;

    private final JwtEncoder encoder;

    private final BackProperties.Jwt properties;

    private final Clock clock;

    /**
     * Checked when the e-mail is unknown, so that a failed sign-in costs one bcrypt
     * verification either way and timing does not tell which e-mails exist.
     */
    private final String unknownUserHash;

    public TokenService(UserRepository users, PasswordEncoder passwordEncoder, JwtEncoder encoder,
            BackProperties properties, Clock clock) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.encoder = encoder;
        this.properties = properties.jwt();
        this.clock = clock;
        this.unknownUserHash = passwordEncoder.encode("not a password of anybody");
    }

    /** A token for these credentials, or empty when they are wrong. */
    @Transactional(readOnly = true)
    public Optional<AccessToken> issue(String email, String password) {
        Optional<User> user = users.findByEmail(UserService.normalise(email));
        String hash = user.map(User::getPasswordHash).orElse(unknownUserHash);
        boolean matches = passwordEncoder.matches(password, hash);
        return user.filter(u -> matches).map(this::tokenFor);
    }

    private AccessToken tokenFor(User user) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
            .issuer(properties.issuer())
            .audience(List.of(properties.audience()))
            .subject(Long.toString(user.getId()))
            .issuedAt(now)
            .expiresAt(now.plus(properties.ttl()))
            .claim("email", user.getEmail())
            .claim(SecurityConfig.ROLES_CLAIM, user.getRoles())
            .claim(TokenVersionFilter.TOKEN_VERSION_CLAIM, user.getTokenVersion())
            .build();
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new AccessToken(token, "Bearer", properties.ttl().toSeconds());
    }

    public record AccessToken(String accessToken, String tokenType, long expiresIn) {
    }

}
