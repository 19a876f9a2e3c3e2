package io.domaindesk.back.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.stream.Stream;

import io.domaindesk.back.error.ConflictException;
import io.domaindesk.back.error.InvalidFieldException;
import io.domaindesk.back.error.NotAllowedException;
import io.domaindesk.back.error.NotFoundException;
import io.domaindesk.back.error.PreconditionFailedException;
import io.domaindesk.back.error.ServiceException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Each rule a service enforces leaves the API as its RFC 9457 problem: the status, the
 * type named after it, and the service's own words as the detail.
 */
class ServiceExceptionMappingTest {

    /** A controller whose service refuses every call with the exception it is given. */
    @RestController
    static class Refusing {

        ServiceException refusal;

        @GetMapping("/refuse")
        void refuse() {
            throw refusal;
        }

    }

    private final Refusing controller = new Refusing();

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(controller)
        .setControllerAdvice(new ApiExceptionHandler())
        .build();

    static Stream<Arguments> refusals() {
        return Stream.of(Arguments.of(new NotFoundException("No domain with id 7."), 404, "not-found"),
                Arguments.of(new ConflictException("Domain example.com is already in the inventory."), 409, "conflict"),
                Arguments.of(new PreconditionFailedException("The resource changed since you read it."), 412,
                        "precondition-failed"),
                Arguments.of(new NotAllowedException("Only an administrator may grant the ADMIN role."), 403,
                        "forbidden"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("refusals")
    void aRefusalIsAProblemWithItsStatus(ServiceException refusal, int status, String type) throws Exception {
        controller.refusal = refusal;
        mvc.perform(get("/refuse"))
            .andExpect(status().is(status))
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value("urn:problem-type:domaindesk:" + type))
            .andExpect(jsonPath("$.status").value(status))
            .andExpect(jsonPath("$.detail").value(refusal.getMessage()));
    }

    @ParameterizedTest(name = "{0} → 400 naming the field")
    @MethodSource("invalidFields")
    void anInvalidFieldIsA400NamingIt(InvalidFieldException invalid) throws Exception {
        controller.refusal = invalid;
        mvc.perform(get("/refuse"))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value("urn:problem-type:domaindesk:bad-request"))
            .andExpect(jsonPath("$.detail").value("Invalid value for " + invalid.field() + "."))
            .andExpect(jsonPath("$.errors[0].field").value(invalid.field()))
            .andExpect(jsonPath("$.errors[0].message").value(invalid.getMessage()));
    }

    static Stream<InvalidFieldException> invalidFields() {
        return Stream.of(new InvalidFieldException("ownerId", "no user with id 42"),
                new InvalidFieldException("roles", "unknown role(s): KING"));
    }

}
