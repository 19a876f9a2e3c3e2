package io.domaindesk.back.auth;

import static io.domaindesk.back.user.Permission.DOMAINS_READ;
import static io.domaindesk.back.user.Permission.DOMAINS_WRITE;
import static io.domaindesk.back.user.Permission.USERS_DELETE;
import static io.domaindesk.back.user.Permission.USERS_READ;
import static io.domaindesk.back.user.Permission.USERS_WRITE;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.domaindesk.back.BackProperties;
import io.domaindesk.back.user.Permission;
import io.domaindesk.back.web.ProblemWriter;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Stateless bearer-token security. Each endpoint requires a permission; the roles in the
 * token grant permissions through the one table in {@link Permission}. The roles travel
 * in the token; {@link TokenVersionFilter} makes sure a built-in token still belongs to
 * an unchanged account. Which issuer signs the tokens is {@link TokenIssuerConfig}'s
 * business.
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
        http.securityMatcher(EndpointRequest.toAnyEndpoint())
            .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, ProblemWriter problems, BackProperties properties,
            TokenVersions tokenVersions) throws Exception {
        // Without an entry point Spring Security would answer 403 to a missing or invalid
        // token.
        AuthenticationEntryPoint signInFirst = (request, response, e) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            problems.write(response, HttpStatus.UNAUTHORIZED, "Sign in first: a valid bearer token is required.");
        };
        http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            // Bearer tokens are not sent automatically by browsers: no CSRF exposure.
            .csrf(csrf -> csrf.disable())
            // Uses the corsConfigurationSource bean below.
            .cors(Customizer.withDefaults())
            .authorizeHttpRequests(auth -> auth.requestMatchers(POST, "/api/v1/auth/token")
                .permitAll()
                // The OpenAPI document and Swagger UI (springdoc serves its pages under
                // /api/v1/swagger-ui/).
                .requestMatchers(GET, "/api/v1/openapi.json", "/api/v1/openapi.json/**", "/api/v1/docs",
                        "/api/v1/swagger-ui/**")
                .permitAll()
                .requestMatchers(GET, "/api/v1/users/me", "/api/v1/roles")
                .authenticated()
                .requestMatchers(GET, "/api/v1/users", "/api/v1/users/*")
                .hasAuthority(USERS_READ.getAuthority())
                .requestMatchers(POST, "/api/v1/users")
                .hasAuthority(USERS_WRITE.getAuthority())
                .requestMatchers(PATCH, "/api/v1/users/*")
                .hasAuthority(USERS_WRITE.getAuthority())
                .requestMatchers(DELETE, "/api/v1/users/*")
                .hasAuthority(USERS_DELETE.getAuthority())
                .requestMatchers(GET, "/api/v1/domains", "/api/v1/domains/*")
                .hasAuthority(DOMAINS_READ.getAuthority())
                .requestMatchers(POST, "/api/v1/domains")
                .hasAuthority(DOMAINS_WRITE.getAuthority())
                .requestMatchers(PATCH, "/api/v1/domains/*")
                .hasAuthority(DOMAINS_WRITE.getAuthority())
                .requestMatchers(DELETE, "/api/v1/domains/*")
                .hasAuthority(DOMAINS_WRITE.getAuthority())
                .requestMatchers("/error")
                .permitAll()
                .anyRequest()
                .authenticated())
            .oauth2ResourceServer(oauth -> oauth.jwt(jwt -> jwt.jwtAuthenticationConverter(rolesAndPermissions()))
                // A token was sent but is invalid or expired.
                .authenticationEntryPoint(signInFirst)
                .accessDeniedHandler((request, response, e) -> problems.write(response, HttpStatus.FORBIDDEN,
                        "Your roles do not allow this.")))
            // No token was sent at all.
            .exceptionHandling(errors -> errors.authenticationEntryPoint(signInFirst))
            // A valid token whose account was deleted or changed since it was issued.
            .addFilterAfter(new TokenVersionFilter(properties.jwt().issuer(), tokenVersions, problems),
                    BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    /**
     * A token's authorities: each role in its {@value #ROLES_CLAIM} claim as
     * {@code ROLE_<name>}, and the permissions those roles grant.
     */
    static Collection<GrantedAuthority> authorities(List<String> roles) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        authorities.addAll(Permission.grantedTo(roles));
        return authorities;
    }

    private static JwtAuthenticationConverter rolesAndPermissions() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            List<String> roles = jwt.getClaimAsStringList(ROLES_CLAIM);
            return authorities(roles == null ? List.of() : roles);
        });
        return converter;
    }

    /**
     * No observation (timer, span) per security filter, authentication and authorization,
     * and no wrapping of every filter to make them: {@code http.server.requests} already
     * times each request, and these observations cost about a seventh of a request's CPU;
     * switched off by a property they would still wrap every filter
     * (docs/performance.md).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * bcrypt today, in the {@code {id}hash} format so the algorithm can change without a
     * migration.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * Browsers on another origin may call the API only from CORS_ALLOWED_ORIGINS; none by
     * default.
     */
    @Bean
    CorsConfigurationSource corsConfigurationSource(BackProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        List<String> allowed = properties.cors().allowedOrigins();
        if (!allowed.isEmpty()) {
            CorsConfiguration config = new CorsConfiguration();
            config.setAllowedOrigins(allowed);
            config.setAllowedMethods(List.of("GET", "POST", "PATCH", "DELETE"));
            config
                .setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.IF_MATCH));
            config.setExposedHeaders(List.of(HttpHeaders.ETAG, HttpHeaders.LOCATION));
            config.setMaxAge(3600L);
            source.registerCorsConfiguration("/api/**", config);
        }
        return source;
    }

}
