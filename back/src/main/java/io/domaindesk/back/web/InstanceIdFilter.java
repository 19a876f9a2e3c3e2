package io.domaindesk.back.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.domaindesk.back.BackProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Names the replica that answered, so that load balancing can be seen from outside (the
 * compose and Kubernetes checks count the distinct values).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class InstanceIdFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Instance-Id";

    private final String instanceId;

    public InstanceIdFilter(BackProperties properties) {
        this.instanceId = properties.instanceId();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HEADER, instanceId);
        chain.doFilter(request, response);
    }

}
