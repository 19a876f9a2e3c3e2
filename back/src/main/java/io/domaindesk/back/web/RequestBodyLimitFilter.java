package io.domaindesk.back.web;

import java.io.IOException;

import io.domaindesk.back.BackProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies (413). Tomcat limits form posts only, not JSON, so without this a
 * client could make the back buffer any amount. A declared Content-Length over the cap is
 * refused before reading; a chunked body is counted while Jackson reads it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;

    private final ProblemWriter problems;

    public RequestBodyLimitFilter(BackProperties properties, ProblemWriter problems) {
        this.maxBytes = properties.api().maxBodySize().toBytes();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            problems.write(response, HttpStatus.CONTENT_TOO_LARGE, tooLarge());
            return;
        }
        chain.doFilter(new CountingRequest(request), response);
    }

    private String tooLarge() {
        return "The request body is larger than " + DataSize.ofBytes(maxBytes).toKilobytes() + " KiB.";
    }

    /**
     * Thrown while reading a body that turns out too large; the MVC advice maps it to
     * 413.
     */
    public static final class BodyTooLargeException extends IOException {

        BodyTooLargeException(String message) {
            super(message);
        }

    }

    private final class CountingRequest extends HttpServletRequestWrapper {

        CountingRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private long count;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0) {
                        add(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    if (n > 0) {
                        add(n);
                    }
                    return n;
                }

                private void add(int n) throws BodyTooLargeException {
                    count += n;
                    if (count > maxBytes) {
                        throw new BodyTooLargeException(tooLarge());
                    }
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }

    }

}
