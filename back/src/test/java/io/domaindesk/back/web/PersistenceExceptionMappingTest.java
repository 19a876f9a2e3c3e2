package io.domaindesk.back.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;

import org.hibernate.TransactionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.TransactionTimedOutException;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Each kind of persistence failure leaves the API with a status chosen for it: the
 * database away or a transient failure is 503 with Retry-After, a constraint is 409, a
 * lost update 412, and a fault of the back itself 500 that says so. The real exception of
 * a connection reset mid-transaction is in {@code DatabaseResetTest}.
 */
class PersistenceExceptionMappingTest {

    /** A controller whose repository fails every call with the exception it is given. */
    @RestController
    static class Failing {

        RuntimeException failure;

        @GetMapping("/fail")
        void fail() {
            throw failure;
        }

    }

    private final Failing controller = new Failing();

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(controller)
        .setControllerAdvice(new ApiExceptionHandler())
        .build();

    static Stream<Arguments> unavailable() {
        SQLException linkFailure = new SQLException("Communications link failure", "08S01");
        return Stream
            .of(Arguments.of(new JpaSystemException(new TransactionException("Unable to commit", linkFailure))),
                    // The rollback after a broken statement, on the connection the pool
                    // has
                    // closed since: no SQLState to go by.
                    Arguments.of(new JpaSystemException(new TransactionException(
                            "Unable to rollback against JDBC Connection", new SQLException("Connection is closed")))),
                    Arguments
                        .of(new JpaSystemException(new RuntimeException(new SQLTransientConnectionException("reset")))),
                    Arguments.of(new CannotCreateTransactionException("no connection")),
                    Arguments.of(new DataAccessResourceFailureException("connection refused")),
                    Arguments.of(new QueryTimeoutException("timed out")),
                    Arguments.of(new CannotAcquireLockException("lock wait timeout")),
                    Arguments.of(new RecoverableDataAccessException("reconnect")),
                    Arguments.of(new TransactionSystemException("commit failed")),
                    Arguments.of(new TransactionTimedOutException("deadline")));
    }

    @ParameterizedTest(name = "{0} → 503 with Retry-After")
    @MethodSource("unavailable")
    void databaseAwayIs503WithRetryAfter(RuntimeException failure) throws Exception {
        controller.failure = failure;
        mvc.perform(get("/fail"))
            .andExpect(status().isServiceUnavailable())
            .andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"))
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value("urn:problem-type:domaindesk:service-unavailable"))
            .andExpect(jsonPath("$.detail").value("The database is unavailable; retry in a few seconds."));
    }

    static Stream<Arguments> others() {
        return Stream.of(Arguments.of(new DataIntegrityViolationException("fk"), 409),
                Arguments.of(new DuplicateKeyException("uk"), 409),
                Arguments.of(new OptimisticLockingFailureException("version"), 412),
                Arguments.of(new JpaSystemException(new RuntimeException("mapping bug")), 500),
                Arguments.of(new InvalidDataAccessResourceUsageException("bad SQL"), 500),
                Arguments.of(new InvalidDataAccessApiUsageException("wrong use"), 500),
                Arguments.of(new IllegalTransactionStateException("nested"), 500),
                Arguments.of(new UnexpectedRollbackException("rollback-only"), 500));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("others")
    void everyOtherPersistenceFailureHasItsStatus(RuntimeException failure, int status) throws Exception {
        controller.failure = failure;
        mvc.perform(get("/fail"))
            .andExpect(status().is(status))
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.status").value(status))
            .andExpect(header().doesNotExist(HttpHeaders.RETRY_AFTER));
    }

}
