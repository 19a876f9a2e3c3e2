package io.domaindesk.front;

import java.io.IOException;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Browser security headers on every answer of the UI port. The UI has no inline script or
 * style and builds the page with DOM calls only, which is what lets the policy be this
 * strict: an injected {@code <script>} or {@code onclick=} does not run. (No Spring
 * Security here: the front has nothing to log in to; the API checks tokens.)
 */
@Component
class SecurityHeadersFilter extends OncePerRequestFilter {

    private final String contentSecurityPolicy;

    SecurityHeadersFilter(FrontProperties properties) {
        String apiOrigin = properties.apiOrigin();
        this.contentSecurityPolicy = String.join("; ", "default-src 'self'", "script-src 'self'", "style-src 'self'",
                // Bootstrap draws some icons (select arrow, close button) as data: SVG.
                "img-src 'self' data:", "font-src 'self'",
                // The API may live on another origin (API_URL): the browser may call it,
                // nothing else.
                "connect-src 'self'" + (apiOrigin == null ? "" : " " + apiOrigin), "object-src 'none'",
                "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
                // DOM sinks such as innerHTML refuse plain strings: no HTML injection by
                // accident.
                "require-trusted-types-for 'script'");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", contentSecurityPolicy);
        response.setHeader("X-Content-Type-Options", "nosniff");
        // The API is told nothing about the page the person is on.
        response.setHeader("Referrer-Policy", "no-referrer");
        // frame-ancestors for current browsers, X-Frame-Options for older ones.
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        chain.doFilter(request, response);
    }

}
