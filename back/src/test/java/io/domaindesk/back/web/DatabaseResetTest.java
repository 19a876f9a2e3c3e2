package io.domaindesk.back.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Connection;

import io.domaindesk.back.ApiTest;
import io.domaindesk.back.MigratedDatabase;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The database resets the connection of a running transaction (a failover, a restart):
 * the exception Spring really raises at commit, which no handler mapped (the API answered
 * 500), is a 503 inviting a retry. Depending on where the reset hits, it is a
 * RecoverableDataAccessException or a JpaSystemException (PersistenceExceptionMappingTest
 * has both).
 */
class DatabaseResetTest extends ApiTest {

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    EntityManager entityManager;

    @RestController
    static class Rethrowing {

        RuntimeException failure;

        @GetMapping("/reset")
        void reset() {
            throw failure;
        }

    }

    @Test
    void connectionResetInsideATransactionIs503() throws Exception {
        Throwable reset = catchThrowable(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            Number connectionId = (Number) entityManager.createNativeQuery("SELECT CONNECTION_ID()").getSingleResult();
            // What a server restart does to the connection, from another session.
            try (Connection admin = MigratedDatabase.get().connect()) {
                admin.createStatement().execute("KILL CONNECTION " + connectionId);
            }
            catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertThat(reset).as("the commit on a killed connection fails").isInstanceOf(RuntimeException.class);
        System.out.println("Connection reset at commit raises " + reset.getClass().getName());

        Rethrowing controller = new Rethrowing();
        controller.failure = (RuntimeException) reset;
        MockMvc mvc = MockMvcBuilders.standaloneSetup(controller)
            .setControllerAdvice(new ApiExceptionHandler())
            .build();
        mvc.perform(get("/reset"))
            .andExpect(status().isServiceUnavailable())
            .andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"))
            .andExpect(MockMvcResultMatchers.content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

}
