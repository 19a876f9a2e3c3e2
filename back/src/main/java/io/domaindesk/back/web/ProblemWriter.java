package io.domaindesk.back.web;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes RFC 9457 problem details from servlet filters, which answer before Spring MVC
 * (and its exception handlers) ever sees the request: security, the body-size limit and
 * Tomcat's own errors.
 */
@Component
public class ProblemWriter {

    private final JsonMapper jsonMapper;

    public ProblemWriter(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /**
     * Names the kind of problem after its status
     * ({@code urn:problem-type:domaindesk:not-found}), because Spring leaves out the
     * default {@code about:blank} while every problem of this API has a type. docs/api.md
     * lists them.
     */
    public static ProblemDetail typed(ProblemDetail problem) {
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            HttpStatus status = HttpStatus.resolve(problem.getStatus());
            String slug = status == null ? Integer.toString(problem.getStatus())
                    : status.name().toLowerCase().replace('_', '-');
            problem.setType(URI.create("urn:problem-type:domaindesk:" + slug));
        }
        return problem;
    }

    /**
     * The {@code instance} of a problem: the path the client asked for, or none when it
     * is not a valid URI reference.
     */
    public static URI instance(String requestUri) {
        try {
            return URI.create(requestUri);
        }
        catch (IllegalArgumentException notAUri) {
            return null;
        }
    }

    public void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        write(response, status.value(), detail);
    }

    /**
     * Also for statuses Spring does not name (Tomcat's own), which keep their number as
     * type and get a generic title.
     */
    public void write(HttpServletResponse response, int status, String detail) throws IOException {
        ProblemDetail problem = typed(ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail));
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        jsonMapper.writeValue(response.getOutputStream(), problem);
    }

}
