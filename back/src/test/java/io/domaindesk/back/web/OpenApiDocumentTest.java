package io.domaindesk.back.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.domaindesk.back.ApiTest;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI description served at /api/v1/openapi.json (the build writes the same to
 * back/target/openapi.json, and scripts/check-openapi.sh lints it and runs contract tests
 * from it): every endpoint of the back is in it, with what a client needs to call it.
 */
class OpenApiDocumentTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    @Test
    void describesEveryEndpointWithItsIdTagTokenAndErrors() {
        JsonNode paths = document().get("paths");
        List<String> endpoints = new ArrayList<>();
        handlers.getHandlerMethods().forEach((mapping, method) -> {
            if (!method.getBeanType().getPackageName().startsWith("io.domaindesk")) {
                return; // springdoc's own: the document and Swagger UI
            }
            for (String path : mapping.getPatternValues()) {
                mapping.getMethodsCondition()
                    .getMethods()
                    .forEach(verb -> endpoints.add(verb.name().toLowerCase() + " " + path));
            }
        });
        assertThat(endpoints).hasSizeGreaterThanOrEqualTo(13);

        for (String endpoint : endpoints) {
            String[] verbAndPath = endpoint.split(" ");
            JsonNode operation = paths.path(verbAndPath[1]).path(verbAndPath[0]);
            assertThat(operation.isObject()).as(endpoint + " is documented").isTrue();
            String id = operation.path("operationId").asString();
            assertThat(id).as(endpoint).matches("(list|get|create|update|delete)[A-Z][A-Za-z]+");
            assertThat(operation.path("tags").get(0).asString()).as(endpoint)
                .isIn("Authentication", "Domains", "Users", "Roles");
            assertThat(operation.path("summary").asString()).as(endpoint).isNotBlank();
            boolean secured = operation.path("security").toString().contains(OpenApiConfig.BEARER);
            assertThat(secured).as(endpoint + " needs a bearer token").isEqualTo(!id.equals("createToken"));

            JsonNode responses = operation.path("responses");
            assertThat(responses.has("401")).as(endpoint + " documents 401").isTrue();
            assertThat(responses.has("503")).as(endpoint + " documents 503").isTrue();
            for (String status : responses.propertyNames()) {
                JsonNode response = responses.get(status);
                if (status.startsWith("2") && response.has("content")) {
                    assertThat(response.path("content").propertyNames()).as(endpoint + " " + status)
                        .containsExactly("application/json");
                }
                if (status.startsWith("4") || status.startsWith("5")) {
                    assertThat(response.path("$ref").asString()).as(endpoint + " " + status)
                        .isEqualTo("#/components/responses/" + OpenApiConfig.responseName(Integer.parseInt(status)));
                }
            }
        }
        assertThat(paths.path("/api/v1/auth/token").path("post").path("responses").has("429")).isTrue();
        assertThat(document().path("components").path("securitySchemes").path(OpenApiConfig.BEARER).toString())
            .contains("\"scheme\":\"bearer\"", "\"bearerFormat\":\"JWT\"");
    }

    @Test
    void documentsTheProblemDetailsTheBackAnswers() {
        JsonNode schemas = document().path("components").path("schemas");
        Set<String> problemFields = Set.copyOf(schemas.path("ProblemDetail").path("properties").propertyNames());
        Set<String> fieldErrorFields = Set.copyOf(schemas.path("FieldError").path("properties").propertyNames());

        Map<?, ?> invalid = http.post()
            .uri("/api/v1/domains")
            .header(HttpHeaders.AUTHORIZATION, bearer(adminToken()))
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("name", "not a domain", "expiresAt", "2030-01-01", "ownerId", 1))
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .returnResult(Map.class)
            .getResponseBody();
        assertThat(problemFields).containsAll(stringKeys(invalid));
        assertThat(fieldErrorFields).containsAll(stringKeys((Map<?, ?>) ((List<?>) invalid.get("errors")).get(0)));

        Map<?, ?> unauthorized = http.get()
            .uri("/api/v1/domains")
            .exchange()
            .expectStatus()
            .isUnauthorized()
            .returnResult(Map.class)
            .getResponseBody();
        assertThat(problemFields).containsAll(stringKeys(unauthorized));
    }

    @Test
    void anOperationWithoutDocumentedErrorsStopsTheDocument() {
        OpenAPI openApi = new OpenAPI().components(new Components())
            .paths(new Paths().addPathItem("/api/v1/new", new PathItem().get(new Operation().operationId("listNew")
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("OK"))))));

        assertThatIllegalStateException().isThrownBy(() -> new OpenApiConfig().contractCustomizer().customise(openApi))
            .withMessageContaining("listNew");
    }

    @Test
    void swaggerUiIsServedUnderTheApiPath() {
        String page = http.get()
            .uri("/api/v1/docs")
            .exchange()
            .expectStatus()
            .is3xxRedirection()
            .returnResult(String.class)
            .getResponseHeaders()
            .getLocation()
            .toString();
        assertThat(page).startsWith("/api/v1/");
        assertThat(http.get().uri(page).exchange().expectStatus().isOk().returnResult(String.class).getResponseBody())
            .contains("swagger-ui");
    }

    private JsonNode document() {
        String document = http.get()
            .uri("/api/v1/openapi.json")
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(String.class)
            .getResponseBody();
        return JSON.readTree(document);
    }

    private static Set<String> stringKeys(Map<?, ?> map) {
        return map.keySet().stream().map(String::valueOf).collect(Collectors.toSet());
    }

}
