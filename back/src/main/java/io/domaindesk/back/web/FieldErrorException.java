package io.domaindesk.back.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A 400 about one field, found by a rule the bean annotations cannot express. */
public class FieldErrorException extends ErrorResponseException {

    public FieldErrorException(String field, String message) {
        super(HttpStatus.BAD_REQUEST, problem(field, message), null);
    }

    private static ProblemDetail problem(String field, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid value for " + field + ".");
        problem.setProperty("errors", List.of(new FieldError(field, message)));
        return problem;
    }
}
