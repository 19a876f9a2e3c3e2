package io.domaindesk.back.web;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A 400 about one field, found by a rule the bean annotations cannot express. */
public class FieldErrorException extends ErrorResponseException {

    public FieldErrorException(String field, String message) {
        super(HttpStatus.BAD_REQUEST, problem(List.of(new FieldError(field, message))), null);
    }

    /** The 400 problem every validation failure answers: the fields named, then their errors. */
    static ProblemDetail problem(List<FieldError> errors) {
        String fields = errors.stream().map(FieldError::field).distinct().collect(Collectors.joining(", "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid value for " + fields + ".");
        problem.setProperty("errors", errors);
        return problem;
    }
}
