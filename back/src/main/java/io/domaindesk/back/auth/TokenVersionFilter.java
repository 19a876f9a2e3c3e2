package io.domaindesk.back.auth;

import java.io.IOException;
import java.util.regex.Pattern;

import io.domaindesk.back.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a built-in token's life as soon as its user is deleted or its e-mail, password or
 * roles change (on the other replicas within a second), instead of when it expires: the
 * token carries the user's token version at sign-in ({@value #TOKEN_VERSION_CLAIM}), and
 * each request compares it with the user's row, as {@link TokenVersions} remembers it for
 * at most a second.
 *
 * <p>
 * Runs after the signature, issuer, audience and expiry were checked. Tokens of an
 * external issuer pass unchecked: their life is the issuer's business (docs/security.md).
 */
class TokenVersionFilter extends OncePerRequestFilter {

    static final String TOKEN_VERSION_CLAIM = "token_version";

    private static final Pattern DECIMAL_ID = Pattern.compile("\\d{1,18}");

    private final String builtInIssuer;

    private final TokenVersions tokenVersions;

    private final ProblemWriter problems;

    TokenVersionFilter(String builtInIssuer, TokenVersions tokenVersions, ProblemWriter problems) {
        this.builtInIssuer = builtInIssuer;
        this.tokenVersions = tokenVersions;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken authentication
                && builtInIssuer.equals(authentication.getToken().getClaimAsString(JwtClaimNames.ISS))) {
            // A database failure goes on to /error, where ApiExceptionHandler answers 503
            // as for any other request.
            if (!isCurrent(authentication.getToken())) {
                SecurityContextHolder.clearContext();
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
                problems.write(response, HttpStatus.UNAUTHORIZED,
                        "This token is no longer valid: the account was deleted or changed since sign-in. Sign in again.");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Whether the token's user still exists with the token version the token carries. */
    private boolean isCurrent(Jwt token) {
        Object claimed = token.getClaims().get(TOKEN_VERSION_CLAIM);
        String subject = token.getSubject();
        if (!(claimed instanceof Number version) || subject == null || !DECIMAL_ID.matcher(subject).matches()) {
            return false;
        }
        return tokenVersions.isCurrent(Long.parseLong(subject), version.longValue());
    }

}
