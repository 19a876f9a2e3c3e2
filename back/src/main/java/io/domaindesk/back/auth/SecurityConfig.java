package io.domaindesk.back.auth;

import static io.domaindesk.back.user.Role.ADMIN;
import static io.domaindesk.back.user.Role.DOMAIN_READ;
import static io.domaindesk.back.user.Role.DOMAIN_WRITE;
import static io.domaindesk.back.user.Role.USER_READ;
import static io.domaindesk.back.user.Role.USER_WRITE;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;

import java.util.List;

import io.domaindesk.back.web.ProblemWriter;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Stateless bearer-token security. The role matrix below is the API contract's "who"
 * column, in one place; token validation needs no database round trip because the roles
 * travel in the token.
 */
@Configuration
public class SecurityConfig {

    static final String ROLES_CLAIM = "roles";

    /**
     * Health, info and metrics: served on the management port only, which no ingress or
     * load balancer routes, so probes and Prometheus need no credentials.
     */
    @Bean
    @Order(1)
    SecurityFilterChain management(HttpSecurity http) throws Exception {
        http
            .securityMatcher(EndpointRequest.toAnyEndpoint())
            .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, ProblemWriter problems) throws Exception {
        http
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            // Bearer tokens are not sent automatically by browsers: no CSRF exposure.
            .csrf(csrf -> csrf.disable())
            // Uses the corsConfigurationSource bean below.
            .cors(Customizer.withDefaults())
            .authorizeHttpRequests(auth -> auth
                .requestMatchers(POST, "/api/v1/auth/token").permitAll()
                // The OpenAPI document and Swagger UI (springdoc serves its pages under /api/v1/swagger-ui/).
                .requestMatchers(GET, "/api/v1/openapi.json", "/api/v1/openapi.json/**", "/api/v1/docs", "/api/v1/swagger-ui/**").permitAll()
                .requestMatchers(GET, "/api/v1/users/me", "/api/v1/roles").authenticated()
                .requestMatchers(GET, "/api/v1/users", "/api/v1/users/*").hasAnyRole(ADMIN, USER_READ)
                .requestMatchers(POST, "/api/v1/users").hasAnyRole(ADMIN, USER_WRITE)
                .requestMatchers(PATCH, "/api/v1/users/*").hasAnyRole(ADMIN, USER_WRITE)
                .requestMatchers(DELETE, "/api/v1/users/*").hasRole(ADMIN)
                .requestMatchers(GET, "/api/v1/domains", "/api/v1/domains/*").hasAnyRole(DOMAIN_READ, DOMAIN_WRITE, ADMIN)
                .requestMatchers(POST, "/api/v1/domains").hasAnyRole(DOMAIN_WRITE, ADMIN)
                .requestMatchers(PATCH, "/api/v1/domains/*").hasAnyRole(DOMAIN_WRITE, ADMIN)
                .requestMatchers(DELETE, "/api/v1/domains/*").hasAnyRole(DOMAIN_WRITE, ADMIN)
                .requestMatchers("/error").permitAll()
                .anyRequest().authenticated())
            .oauth2ResourceServer(oauth -> oauth
                .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesFromClaim()))
                // Without an entry point Spring Security would answer 403 to a missing token.
                .authenticationEntryPoint((request, response, e) -> {
                    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                    problems.write(response, HttpStatus.UNAUTHORIZED, "Sign in first: a valid bearer token is required.");
                })
                .accessDeniedHandler((request, response, e) ->
                    problems.write(response, HttpStatus.FORBIDDEN, "Your roles do not allow this.")))
            .exceptionHandling(errors -> errors
                .authenticationEntryPoint((request, response, e) -> {
                    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                    problems.write(response, HttpStatus.UNAUTHORIZED, "Sign in first: a valid bearer token is required.");
                }));
        return http.build();
    }

    /** External OpenID Connect issuer when OIDC_ISSUER_URI is set, else the built-in HMAC tokens. */
    @Bean
    JwtDecoder jwtDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuerUri,
            JwtProperties properties) {
        if (!issuerUri.isBlank()) {
            // Discovered on first use, so the back starts even while the issuer is unreachable.
            return new SupplierJwtDecoder(() -> JwtDecoders.fromIssuerLocation(issuerUri));
        }
        return NimbusJwtDecoder.withSecretKey(properties.secretKey())
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
    }

    private static JwtAuthenticationConverter rolesFromClaim() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(ROLES_CLAIM);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }

    /** bcrypt today, in the {@code {id}hash} format so the algorithm can change without a migration. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Browsers on another origin may call the API only from CORS_ALLOWED_ORIGINS; none by default. */
    @Bean
    CorsConfigurationSource corsConfigurationSource(@Value("${domaindesk.cors.allowed-origins:}") List<String> origins) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        List<String> allowed = origins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
        if (!allowed.isEmpty()) {
            CorsConfiguration config = new CorsConfiguration();
            config.setAllowedOrigins(allowed);
            config.setAllowedMethods(List.of("GET", "POST", "PATCH", "DELETE"));
            config.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.IF_MATCH));
            config.setExposedHeaders(List.of(HttpHeaders.ETAG, HttpHeaders.LOCATION));
            config.setMaxAge(3600L);
            source.registerCorsConfiguration("/api/**", config);
        }
        return source;
    }
}
