package io.domaindesk.back.auth;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Decodes each bearer token once per replica instead of once per request: a client sends
 * the same token with every request until it expires, and checking its signature and
 * parsing its claims was 8 % of a read's CPU (docs/performance.md).
 *
 * <p>
 * The cache key is the whole token, signature included, so only a token that the delegate
 * accepted can be found; a refused token is never remembered. A remembered token is
 * validated again on every use (expiry, not-before, issuer, audience: cheap, no
 * signature), so it is refused from the moment it expires, as before. What it no longer
 * sees is a signing key withdrawn after its first use: such a token stays accepted for at
 * most {@link #KEPT_AFTER_LAST_USE} after its last use, or until it expires. Whether its
 * account still exists unchanged is checked on every request all the same
 * ({@link TokenVersionFilter}).
 */
final class CachingJwtDecoder implements JwtDecoder {

    /** How long an unused token is kept. */
    static final Duration KEPT_AFTER_LAST_USE = Duration.ofMinutes(5);

    /**
     * Tokens kept per replica at most, the least recently used dropped first: a few MB of
     * heap (a decoded token with its claims is 2 to 3 KB).
     */
    static final int MAXIMUM_TOKENS = 1_000;

    private final JwtDecoder decoder;

    private final OAuth2TokenValidator<Jwt> validator;

    private final Cache<String, Jwt> decoded = Caffeine.newBuilder()
        .maximumSize(MAXIMUM_TOKENS)
        .expireAfterAccess(KEPT_AFTER_LAST_USE)
        .build();

    /**
     * @param decoder checks the signature and validates with {@code validator}
     * @param validator the checks to repeat each time a remembered token is used
     */
    CachingJwtDecoder(JwtDecoder decoder, OAuth2TokenValidator<Jwt> validator) {
        this.decoder = decoder;
        this.validator = validator;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = decoded.getIfPresent(token);
        if (known == null) {
            // Validated by the delegate; an exception leaves nothing in the cache.
            Jwt jwt = decoder.decode(token);
            decoded.put(token, jwt);
            return jwt;
        }
        OAuth2TokenValidatorResult result = validator.validate(known);
        if (result.hasErrors()) {
            decoded.invalidate(token);
            OAuth2Error first = result.getErrors().iterator().next();
            throw new JwtValidationException(first.getDescription(), result.getErrors());
        }
        return known;
    }

}
