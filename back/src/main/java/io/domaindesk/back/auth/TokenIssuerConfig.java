package io.domaindesk.back.auth;

import java.time.Clock;

import io.domaindesk.back.BackProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * Who signs the tokens, decided once at start-up: the built-in HMAC issuer
 * ({@code JWT_SECRET}, {@code POST /auth/token}), or an external OpenID Connect issuer
 * when {@code OIDC_ISSUER_URI} is set. Each mode makes only its own beans; in the
 * external mode there is no token encoder and no {@code TokenService} at all, even if
 * JWT_SECRET is set.
 */
@Configuration
class TokenIssuerConfig {

    static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";

    /** OIDC_ISSUER_URI is set: an external issuer signs the tokens. */
    static final class ExternalIssuer implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty(ISSUER_URI));
        }

    }

    /** OIDC_ISSUER_URI is empty: the back signs its own tokens. */
    static final class BuiltInIssuer implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !new ExternalIssuer().matches(context, metadata);
        }

    }

    /**
     * Refuses to start without a usable JWT_SECRET (see
     * {@link BackProperties.Jwt#secretKey()}).
     */
    @Bean
    @Conditional(BuiltInIssuer.class)
    JwtEncoder builtInEncoder(BackProperties properties) {
        return NimbusJwtEncoder.withSecretKey(properties.jwt().secretKey()).build();
    }

    @Bean
    @Conditional(BuiltInIssuer.class)
    JwtDecoder builtInDecoder(BackProperties properties, Clock clock) {
        OAuth2TokenValidator<Jwt> validator = validator(clock, properties.jwt().issuer(), properties.jwt().audience());
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(properties.jwt().secretKey())
            .macAlgorithm(MacAlgorithm.HS256)
            .build();
        decoder.setJwtValidator(validator);
        return new CachingJwtDecoder(decoder, validator);
    }

    /**
     * Discovered on first use, so the back starts even while the issuer is unreachable.
     */
    @Bean
    @Conditional(ExternalIssuer.class)
    JwtDecoder externalDecoder(@Value("${" + ISSUER_URI + "}") String issuerUri, BackProperties properties,
            Clock clock) {
        OAuth2TokenValidator<Jwt> validator = validator(clock, issuerUri, properties.jwt().audience());
        return new CachingJwtDecoder(new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = JwtDecoders.fromIssuerLocation(issuerUri);
            decoder.setJwtValidator(validator);
            return decoder;
        }), validator);
    }

    /**
     * Spring Security's default checks (type, expiry, not-before), made strict: the
     * issuer, this API as audience and an expiry are required, so a token missing any of
     * them is refused rather than trusted (a token without {@code exp} would never
     * expire). The time comes from the Clock bean.
     */
    private static OAuth2TokenValidator<Jwt> validator(Clock clock, String issuer, String audience) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        timestamps.setAllowEmptyExpiryClaim(false);
        return JwtValidators.createDefaultWithValidators(timestamps, new JwtIssuerValidator(issuer),
                new JwtAudienceValidator(audience));
    }

}
