package io.domaindesk.back.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /error}, where Tomcat forwards what failed outside Spring MVC: an exception a
 * filter let through, or a status set with {@code sendError} (TRACE refused, a path
 * Tomcat will not map). Replaces Spring Boot's {@code {timestamp, status, error, path}}
 * JSON with the API's problem details.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) throws Exception {
        Throwable thrown = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        while (thrown instanceof ServletException wrapper && wrapper.getRootCause() != null) {
            thrown = wrapper.getRootCause();
        }
        if (thrown instanceof Exception ex) {
            // Answered by ApiExceptionHandler, as if a controller had thrown it.
            throw ex;
        }
        // During the error dispatch the method reads GET whatever the client sent: not
        // named. Called directly, /error is just a path that does not exist.
        Integer code = (Integer) request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatusCode status = HttpStatusCode.valueOf(code == null ? 404 : code);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail(status));
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
            problem.setInstance(ProblemWriter.instance(uri));
        }
        // Whatever the Accept header says: an error always has a body.
        return ResponseEntity.status(status)
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .body(ProblemWriter.typed(problem));
    }

    private static String detail(HttpStatusCode status) {
        return switch (HttpStatus.resolve(status.value())) {
            case BAD_REQUEST -> "The request is malformed: its path, query string or headers cannot be read.";
            case NOT_FOUND -> "No resource at this path.";
            case METHOD_NOT_ALLOWED -> "This method is not allowed here.";
            case null -> "The request failed with status " + status.value() + ".";
            default -> HttpStatus.resolve(status.value()).getReasonPhrase() + ".";
        };
    }

}
