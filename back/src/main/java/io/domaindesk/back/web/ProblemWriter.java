package io.domaindesk.back.web;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes RFC 9457 problem details from servlet filters, which answer before Spring MVC
 * (and its exception handlers) ever sees the request: security and the body-size limit.
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

    public void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        ProblemDetail problem = typed(ProblemDetail.forStatusAndDetail(status, detail));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        jsonMapper.writeValue(response.getOutputStream(), problem);
    }

}
