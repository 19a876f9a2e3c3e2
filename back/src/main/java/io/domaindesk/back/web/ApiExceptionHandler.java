package io.domaindesk.back.web;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import io.domaindesk.back.error.ConflictException;
import io.domaindesk.back.error.InvalidFieldException;
import io.domaindesk.back.error.NotAllowedException;
import io.domaindesk.back.error.NotFoundException;
import io.domaindesk.back.error.PreconditionFailedException;
import io.domaindesk.back.error.ServiceException;
import jakarta.persistence.PersistenceException;
import jakarta.servlet.RequestDispatcher;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.UncategorizedDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.TransactionTimedOutException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error the API answers is RFC 9457 problem details. Spring MVC's own exceptions
 * (404, 405, 415, type mismatches...) come from {@link ResponseEntityExceptionHandler};
 * this class adds field errors, the rules the services enforce
 * ({@link ServiceException}), the database cases, and makes sure nothing unexpected ever
 * leaks a stack trace.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getBindingResult()
            .getFieldErrors()
            .stream()
            .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
            .sorted(Comparator.comparing(FieldError::field))
            .toList();
        return invalid(errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getParameterValidationResults()
            .stream()
            .flatMap(result -> result.getResolvableErrors()
                .stream()
                .map(error -> new FieldError(result.getMethodParameter().getParameterName(),
                        error.getDefaultMessage())))
            .toList();
        return invalid(errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (causedBy(ex, RequestBodyLimitFilter.BodyTooLargeException.class) instanceof Throwable tooLarge) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage(), headers, request);
        }
        // Details speak of the request only: Jackson's own messages name the Java classes
        // and settings behind the API.
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is missing or is not JSON.");
        switch (ex.getCause()) {
            case UnrecognizedPropertyException unknown -> {
                problem.setDetail("Unknown field '" + unknown.getPropertyName() + "'.");
                problem.setProperty("errors", List.of(new FieldError(path(unknown), "unknown field")));
            }
            case DatabindException mapping when !mapping.getPath().isEmpty() -> {
                problem.setDetail("Field '" + path(mapping) + "' has the wrong type or format.");
                problem.setProperty("errors", List.of(new FieldError(path(mapping), "wrong type or format")));
            }
            case DatabindException notAnObject -> problem.setDetail("The request body must be a JSON object.");
            case StreamConstraintsException tooBig -> problem.setDetail("The JSON is nested too deeply or has a "
                    + "number, string or name that is too long" + at(tooBig.getLocation()) + ".");
            case JacksonException malformed -> problem.setDetail("Malformed JSON" + at(malformed.getLocation()) + ".");
            case null, default -> {
            }
        }
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /**
     * A path variable or query parameter that is not of its type: a 400 naming it, like a
     * body field.
     */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
                : ex.getPropertyName();
        Class<?> type = ex.getRequiredType();
        boolean integer = type != null && (type == long.class || type == int.class || Long.class.isAssignableFrom(type)
                || Integer.class.isAssignableFrom(type));
        return invalid(List.of(new FieldError(name, integer ? "must be a decimal integer" : "wrong type or format")),
                headers, request);
    }

    /**
     * A query string or form field Tomcat cannot decode: a bare or truncated {@code %}
     * escape, or bytes that are not UTF-8 (such as an encoded lone surrogate).
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> undecodableParameter(InvalidParameterException ex, WebRequest request) {
        return problem(HttpStatus.BAD_REQUEST,
                "The query string is not valid: every %-escape must be complete and encode UTF-8.", new HttpHeaders(),
                request);
    }

    /**
     * Each rule the services enforce, as its status; a field rule also names the field.
     */
    @ExceptionHandler(ServiceException.class)
    ResponseEntity<Object> ruleBroken(ServiceException ex, WebRequest request) {
        HttpHeaders headers = new HttpHeaders();
        return switch (ex) {
            case NotFoundException e -> problem(HttpStatus.NOT_FOUND, e.getMessage(), headers, request);
            case ConflictException e -> problem(HttpStatus.CONFLICT, e.getMessage(), headers, request);
            case PreconditionFailedException e ->
                problem(HttpStatus.PRECONDITION_FAILED, e.getMessage(), headers, request);
            case NotAllowedException e -> problem(HttpStatus.FORBIDDEN, e.getMessage(), headers, request);
            case InvalidFieldException e ->
                invalid(List.of(new FieldError(e.field(), e.getMessage())), headers, request);
        };
    }

    /**
     * Sign-in with a wrong e-mail or password: one answer for both, so neither is
     * revealed.
     */
    @ExceptionHandler(BadCredentialsException.class)
    ResponseEntity<Object> wrongCredentials(BadCredentialsException ex, WebRequest request) {
        return problem(HttpStatus.UNAUTHORIZED, ex.getMessage(), new HttpHeaders(), request);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> conflict(DataIntegrityViolationException ex, WebRequest request) {
        // The services turn a taken name or e-mail into their own ConflictException
        // (UniqueKeys); this is any other broken constraint, such as an owner deleted
        // while a domain was being given to them.
        log.info("Integrity violation: {}", ex.getMostSpecificCause().getMessage());
        return problem(HttpStatus.CONFLICT, "The request conflicts with existing data (duplicate or still referenced).",
                new HttpHeaders(), request);
    }

    @ExceptionHandler({ OptimisticLockingFailureException.class })
    ResponseEntity<Object> concurrentUpdate(ConcurrencyFailureException ex, WebRequest request) {
        return problem(HttpStatus.PRECONDITION_FAILED, "The resource was changed by another request; read it again.",
                new HttpHeaders(), request);
    }

    /**
     * The database is unreachable, timed out, or lost the connection: say so quickly, and
     * invite a retry. A failure Spring cannot classify (JpaSystemException, say a commit
     * on a reset connection) is counted here when a lost connection caused it.
     */
    @ExceptionHandler({ CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
            TransientDataAccessException.class, RecoverableDataAccessException.class, TransactionSystemException.class,
            TransactionTimedOutException.class })
    ResponseEntity<Object> databaseUnavailable(Exception ex, WebRequest request) {
        log.warn("Database unavailable: {}", ex.getMessage());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "5");
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "The database is unavailable; retry in a few seconds.", headers,
                request);
    }

    @ExceptionHandler({ UncategorizedDataAccessException.class, PersistenceException.class })
    ResponseEntity<Object> uncategorizedDatabaseError(Exception ex, WebRequest request) {
        return connectionLost(ex) ? databaseUnavailable(ex, request) : databaseFault(ex, request);
    }

    /**
     * Every other persistence failure (bad SQL, wrong API use, an illegal transaction
     * state) is a fault of the back, not of the request: a 500 that says so, with the
     * cause in the log.
     */
    @ExceptionHandler({ DataAccessException.class, TransactionException.class })
    ResponseEntity<Object> databaseFault(Exception ex, WebRequest request) {
        log.error("Database error", ex);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Unexpected database error; it has been logged.",
                new HttpHeaders(), request);
    }

    /**
     * Method security is not used, but an AccessDeniedException must never become a 500.
     */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> forbidden(AccessDeniedException ex, WebRequest request) {
        return problem(HttpStatus.FORBIDDEN, "Your roles do not allow this.", new HttpHeaders(), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
        log.error("Unexpected error", ex);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Unexpected error; it has been logged.", new HttpHeaders(),
                request);
    }

    /**
     * Every problem leaves through here: give it its type, the path the client asked for
     * (not {@code /error} when Tomcat forwarded it there), and its media type whatever
     * the Accept header says, even one that cannot be parsed: an error always has a body.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            ProblemWriter.typed(problem);
            if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI,
                    WebRequest.SCOPE_REQUEST) instanceof String uri) {
                problem.setInstance(ProblemWriter.instance(uri));
            }
            // A copy: the headers an exception carries can be read-only.
            HttpHeaders problemHeaders = new HttpHeaders();
            problemHeaders.addAll(headers);
            problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            headers = problemHeaders;
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    /**
     * The 400 problem every validation failure answers: the fields named, then their
     * errors.
     */
    private ResponseEntity<Object> invalid(List<FieldError> errors, HttpHeaders headers, WebRequest request) {
        String fields = errors.stream().map(FieldError::field).distinct().collect(Collectors.joining(", "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Invalid value for " + fields + ".");
        problem.setProperty("errors", errors);
        return handleExceptionInternal(new IllegalArgumentException(problem.getDetail()), problem, headers,
                HttpStatus.BAD_REQUEST, request);
    }

    private ResponseEntity<Object> problem(HttpStatus status, String detail, HttpHeaders headers, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        return handleExceptionInternal(new IllegalStateException(detail), problem, headers, status, request);
    }

    private static String path(DatabindException ex) {
        return ex.getPath()
            .stream()
            .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    }

    /** " at line L, column C" when Jackson knows where. */
    private static String at(TokenStreamLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /**
     * Whether the connection to the database failed: a transient or recoverable SQL
     * error, SQLState class 08 (connection exception), or a commit or rollback that
     * failed. The last one replaces the statement's own error when the connection broke
     * in a transaction: the pool has closed the broken connection by then, and its
     * "Connection is closed" has no SQLState.
     */
    private static boolean connectionLost(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof org.hibernate.TransactionException || (cause instanceof SQLException sql
                            && sql.getSQLState() != null && sql.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }

    private static Throwable causedBy(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return cause;
            }
        }
        return null;
    }

}
