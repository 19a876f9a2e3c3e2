package io.domaindesk.back.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * Refuses two inputs Spring fails on with a bare {@code IllegalArgumentException} (a 500
 * otherwise): a Content-Type with a wildcard, such as {@code application/*}, which Spring
 * asserts never to see; and a {@code sort} value that Spring Data decodes once more, so
 * that a {@code %} left after Tomcat's decoding must start an escape.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class UnreadableRequestFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;

    UnreadableRequestFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !concrete(contentType)) {
            problems.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "The Content-Type is not a concrete media type; send application/json.");
            return;
        }
        // Only GET, and HEAD which runs the same handler, read sort; only then may the
        // filter parse parameters without reading a form body.
        if (readsSort(request.getMethod()) && request.getParameterValues("sort") instanceof String[] sorts) {
            for (String sort : sorts) {
                try {
                    UriUtils.decode(sort, StandardCharsets.UTF_8);
                }
                catch (IllegalArgumentException undecodable) {
                    problems.write(response, HttpStatus.BAD_REQUEST,
                            "Invalid value for sort: a '%' must start an escape such as %25.");
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean readsSort(String method) {
        return HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method);
    }

    private static boolean concrete(String contentType) {
        try {
            return MediaType.parseMediaType(contentType).isConcrete();
        }
        catch (InvalidMediaTypeException malformed) {
            // Spring MVC answers a malformed one with 415 itself.
            return true;
        }
    }

}
