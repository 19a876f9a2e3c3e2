package io.domaindesk.back.web;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;

/**
 * Problem details for the errors raised before Spring MVC, which its exception handlers
 * never see: requests Tomcat cannot parse, and URLs the Spring Security firewall rejects.
 */
@Configuration
class ContainerErrors {

    /**
     * A request line or headers over {@code server.max-http-request-header-size}, a
     * malformed request line, a bad escape in the path: Tomcat answers these itself,
     * through its error report valve, which writes an HTML page. This one writes a
     * problem. Ordered last so that it replaces the valve Spring Boot adds.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve(ProblemWriter problems,
            ServerProperties server) {
        String headerLimit = server.getMaxHttpRequestHeaderSize().toKilobytes() + " KiB";
        return factory -> factory.addContextCustomizers(context -> {
            StandardHost host = (StandardHost) context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new ProblemReportValve(problems, headerLimit));
            // Otherwise the host adds its default valve again when it starts.
            host.setErrorReportValveClass(ProblemReportValve.class.getName());
        });
    }

    /**
     * Spring Security's firewall rejects paths such as {@code /api/v1/users/../} or with
     * an encoded slash, methods outside the HTTP standard, and control characters in
     * header or parameter names or values; by default with a bare 400 through
     * {@code /error}. Its message says which rule, in words too close to the code to
     * echo.
     */
    @Bean
    WebSecurityCustomizer firewallProblems(ProblemWriter problems) {
        return web -> web.requestRejectedHandler((request, response, rejected) -> {
            String rule = String.valueOf(rejected.getMessage());
            if (rule.contains("HTTP method")) {
                problems.write(response, HttpStatus.METHOD_NOT_ALLOWED, "This HTTP method is not allowed.");
            }
            else if (rule.contains("header")) {
                problems.write(response, HttpStatus.BAD_REQUEST,
                        "A header name or value contains characters that are not allowed.");
            }
            else if (rule.contains("parameter")) {
                problems.write(response, HttpStatus.BAD_REQUEST,
                        "A parameter name or value contains characters that are not allowed.");
            }
            else {
                problems.write(response, HttpStatus.BAD_REQUEST,
                        "The URL is not allowed: it contains a sequence such as '..', '//', ';' or an encoded slash.");
            }
        });
    }

    static final class ProblemReportValve extends ErrorReportValve {

        private final ProblemWriter problems;

        private final String headerLimit;

        ProblemReportValve(ProblemWriter problems, String headerLimit) {
            this.problems = problems;
            this.headerLimit = headerLimit;
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            // As the standard valve: only an error nothing has answered, on a connection
            // that can still be written to.
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean writable = new AtomicBoolean();
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
            if (!writable.get()) {
                return;
            }
            // Tomcat refuses CONNECT itself, with 501: answered like every other method
            // the API does not serve.
            if (status == 501) {
                status = 405;
            }
            try {
                response.resetBuffer();
                problems.write(response, status, detail(status));
                response.finishResponse();
            }
            catch (IOException | IllegalStateException clientGone) {
                // Nothing left to tell a client that went away.
            }
        }

        private String detail(int status) {
            return switch (status) {
                case 400 -> "The request cannot be read: its request line or headers are malformed, or they are "
                        + "larger than the server accepts (" + headerLimit
                        + " for the request line and headers together).";
                case 405 -> "This HTTP method is not allowed.";
                case 414 -> "The URL is longer than the server accepts.";
                default -> "The request failed with status " + status + ".";
            };
        }

    }

}
