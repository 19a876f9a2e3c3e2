package io.domaindesk.back.web;

import static java.util.Map.entry;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The parts of the OpenAPI description (/api/v1/openapi.json) that springdoc cannot see
 * in the controllers, which carry only their tag, operation id and summary: the bearer
 * token, the media types, and every error each operation can answer, as RFC 9457 problem
 * details. docs/api.md says how the build writes and checks the document.
 */
@Configuration
class OpenApiConfig {

    static final String BEARER = "bearerToken";

    /** The only operation that needs no token (SecurityConfig permits it to all). */
    static final Set<String> PUBLIC_OPERATIONS = Set.of("createToken");

    // @formatter:off (one operation a line)
    /**
     * Each operation's error statuses, besides 401 (every operation that needs a token),
     * 500 and 503 (every operation: a bug, or the database is away). 400 comes from
     * validation, a malformed body, path or query parameter, or an unsortable field; 403
     * from SecurityConfig's permissions and the ADMIN role rules; 413 and 415 from a
     * request body. An operation missing here stops the document (see
     * {@link #errorResponses}), so that a new endpoint documents its errors; a new status
     * also needs its example in {@link #EXAMPLE_DETAILS}.
     */
    static final Map<String, List<Integer>> ERRORS = Map.ofEntries(
            // 404: tokens come from an external OpenID Connect issuer (OIDC_ISSUER_URI).
            // 429: too many failed sign-ins.
            entry("createToken", List.of(400, 401, 404, 413, 415, 429)),
            // 404: the caller's account was deleted after its token was issued.
            entry("getCurrentUser", List.of(404)),
            entry("listRoles", List.of()),
            entry("listUsers", List.of(400, 403)),
            entry("getUser", List.of(400, 403, 404)),
            entry("createUser", List.of(400, 403, 409, 413, 415)),
            entry("updateUser", List.of(400, 403, 404, 409, 412, 413, 415)),
            // 409: one's own account, or a user who still owns domains.
            entry("deleteUser", List.of(400, 403, 404, 409)),
            entry("listDomains", List.of(400, 403)),
            entry("getDomain", List.of(400, 403, 404)),
            entry("createDomain", List.of(400, 403, 409, 413, 415)),
            entry("updateDomain", List.of(400, 403, 404, 409, 412, 413, 415)),
            entry("deleteDomain", List.of(400, 403, 404)));
    // @formatter:on

    private static final Set<String> CREATE_OPERATIONS = Set.of("createUser", "createDomain");

    /** The operations that answer the resource's version as an ETag. */
    private static final Set<String> WITH_ETAG = Set.of("getCurrentUser", "getUser", "createUser", "updateUser",
            "getDomain", "createDomain", "updateDomain");

    /** What a client sends, shown in Swagger UI and used by generated tests. */
    private static final Map<String, Map<String, Object>> REQUEST_EXAMPLES = Map.of(
            "createToken", Map.of("email", "ada@example.com", "password", "correct horse battery staple"),
            "createDomain", Map.of("name", "example.com", "registrar", "Gandi", "expiresAt", "2027-03-31", "ownerId", 1,
                    "notes", "Renewed by card"),
            "updateDomain", Map.of("notes", "Renew with the new card"), "createUser",
            Map.of("email", "ada@example.com", "firstName", "Ada", "lastName", "Lovelace", "password",
                    "correct horse battery staple", "roles", List.of("DOMAIN_READ")),
            "updateUser", Map.of("firstName", "Augusta"));

    /** A detail for each documented status, as the back words it. */
    private static final Map<Integer, String> EXAMPLE_DETAILS = Map.ofEntries(entry(400, "Invalid value for name."),
            entry(401, "Sign in first: a valid bearer token is required."), entry(403, "Your roles do not allow this."),
            entry(404, "No domain with id 42."), entry(409, "Domain example.com is already in the inventory."),
            entry(412, "The resource changed since you read it (current version \"3\"); read it again."),
            entry(413, "The request body is larger than 1024 KiB."),
            entry(415, "Content-Type 'text/plain' is not supported."),
            entry(429, "Too many failed sign-ins; retry later."), entry(500, "Unexpected error; it has been logged."),
            entry(503, "The database is unavailable; retry in a few seconds."));

    private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    @Bean
    OpenAPI domainDeskOpenApi() {
        return new OpenAPI()
            .info(new Info().title("DomainDesk API")
                .version("v1")
                .description("The domain inventory and its users. Every error is RFC 9457 problem details "
                        + "(application/problem+json); docs/api.md has a walk-through.")
                .contact(new Contact().name("DomainDesk maintainers")))
            // Relative: the document is served by the back it describes, whatever its
            // host.
            .servers(List.of(new Server().url("/")
                .description("The back that serves this document: local, staging or production")
                .extensions(Map.of("x-internal", false))))
            .tags(List.of(new Tag().name("Authentication").description("Sign in for a bearer token."),
                    new Tag().name("Domains").description("The domain inventory."),
                    new Tag().name("Users").description("Who may sign in, and with which roles."),
                    new Tag().name("Roles").description("The roles a user may hold.")))
            .components(new Components().addSecuritySchemes(BEARER, bearerScheme()));
    }

    /** Fills in what springdoc leaves out, once the controllers have been read. */
    @Bean
    OpenApiCustomizer contractCustomizer() {
        return openApi -> {
            // Added here, not in the bean above: springdoc drops schemas no controller
            // uses.
            Components components = openApi.getComponents()
                .addSchemas("FieldError", fieldErrorSchema())
                .addSchemas("ProblemDetail", problemSchema());
            for (int status : new TreeSet<>(EXAMPLE_DETAILS.keySet())) {
                components.addResponses(responseName(status), problemResponse(status));
            }
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                jsonSuccess(operation);
                requestExample(operation);
                created(operation);
                successHeaders(operation);
                pageParameters(operation);
                errorResponses(operation);
                // An empty list says "no token" explicitly, so that generated clients and
                // tests send none (a bearer header, even empty, is checked and refused).
                operation.setSecurity(PUBLIC_OPERATIONS.contains(operation.getOperationId()) ? List.of()
                        : List.of(new SecurityRequirement().addList(BEARER)));
            }));
            // Replaced by page, size and sort (pageParameters).
            components.getSchemas().remove("Pageable");
        };
    }

    private static SecurityScheme bearerScheme() {
        return new SecurityScheme().type(SecurityScheme.Type.HTTP)
            .scheme("bearer")
            .bearerFormat("JWT")
            .description("A JWT from POST /api/v1/auth/token (or from the OpenID Connect issuer when OIDC_ISSUER_URI"
                    + " is set), signed (HS256 or the issuer's keys) and short-lived, following the JWT best practices of RFC8725; its roles claim decides what"
                    + " the caller may do.");
    }

    /**
     * Controllers declare no {@code produces}, so springdoc writes {@code *}{@code /*};
     * they answer JSON.
     */
    private static void jsonSuccess(Operation operation) {
        operation.getResponses().values().forEach(response -> {
            Content content = response.getContent();
            if (content != null && content.containsKey("*/*")) {
                response.content(new Content().addMediaType(JSON, content.get("*/*")));
            }
        });
    }

    /** The ETag that If-Match sends back (ETags), and where a created resource lives. */
    private static void successHeaders(Operation operation) {
        String id = operation.getOperationId();
        operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("2") && WITH_ETAG.contains(id) && response.getContent() != null) {
                response.addHeaderObject(HttpHeaders.ETAG, new Header().description("The version, for If-Match.")
                    .schema(new StringSchema().maxLength(22).example("\"3\"")));
            }
            if ("201".equals(status)) {
                response.addHeaderObject(HttpHeaders.LOCATION, new Header().description("The new resource.")
                    .schema(new StringSchema().format("uri-reference").maxLength(200)));
            }
        });
    }

    private static void requestExample(Operation operation) {
        Map<String, Object> example = REQUEST_EXAMPLES.get(operation.getOperationId());
        if (example != null && operation.getRequestBody() != null) {
            operation.getRequestBody().getContent().get(JSON).setExample(example);
        }
    }

    /**
     * The create operations answer 201 (ResponseEntity.created), which springdoc cannot
     * see.
     */
    private static void created(Operation operation) {
        if (CREATE_OPERATIONS.contains(operation.getOperationId())) {
            ApiResponse ok = operation.getResponses().remove("200");
            operation.getResponses().addApiResponse("201", ok.description("Created"));
        }
    }

    /**
     * Spring Data's Pageable is three query parameters, not one object: page, size (at
     * most 100: application.yaml) and sort.
     */
    private static void pageParameters(Operation operation) {
        List<Parameter> parameters = operation.getParameters();
        if (parameters == null || parameters.stream().noneMatch(p -> "pageable".equals(p.getName()))) {
            return;
        }
        List<Parameter> replaced = new ArrayList<>(parameters);
        replaced.removeIf(p -> "pageable".equals(p.getName()));
        replaced.add(new Parameter().in("query")
            .name("page")
            .description("Zero-based page number.")
            .schema(new IntegerSchema().minimum(BigDecimal.ZERO)._default(0)));
        replaced.add(new Parameter().in("query")
            .name("size")
            .description("Page size.")
            .schema(new IntegerSchema().minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(100))._default(20)));
        replaced.add(new Parameter().in("query")
            .name("sort")
            .description("field,asc or field,desc; repeat for several fields. Another field answers 400.")
            .schema(new ArraySchema().items(new StringSchema().maxLength(60)).maxItems(4)));
        operation.setParameters(replaced);
    }

    private static void errorResponses(Operation operation) {
        List<Integer> specific = ERRORS.get(operation.getOperationId());
        if (specific == null) {
            throw new IllegalStateException("OpenApiConfig.ERRORS does not list the errors of operation "
                    + operation.getOperationId() + ": add them there.");
        }
        List<Integer> statuses = new ArrayList<>(specific);
        if (!PUBLIC_OPERATIONS.contains(operation.getOperationId()) && !statuses.contains(401)) {
            statuses.add(401);
        }
        statuses.addAll(List.of(500, 503));
        ApiResponses responses = operation.getResponses();
        statuses.stream()
            .sorted()
            .forEach(status -> responses.addApiResponse(Integer.toString(status),
                    new ApiResponse().$ref("#/components/responses/" + responseName(status))));
    }

    /** {@code 404} is {@code NotFound}: the reusable response of that status. */
    static String responseName(int status) {
        StringBuilder name = new StringBuilder();
        for (String word : HttpStatus.valueOf(status).name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase());
        }
        return name.toString();
    }

    private static ApiResponse problemResponse(int status) {
        HttpStatus httpStatus = HttpStatus.valueOf(status);
        ProblemDetail example = ProblemWriter
            .typed(ProblemDetail.forStatusAndDetail(httpStatus, EXAMPLE_DETAILS.get(status)));
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("type", example.getType().toString());
        value.put("title", httpStatus.getReasonPhrase());
        value.put("status", status);
        value.put("detail", example.getDetail());
        value.put("instance", "/api/v1/domains/42");
        if (status == 400) {
            value.put("errors", List.of(Map.of("field", "name", "message", "must be a valid domain name")));
        }
        ApiResponse response = new ApiResponse().description(httpStatus.getReasonPhrase())
            .content(new Content().addMediaType(PROBLEM_JSON,
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/ProblemDetail")).example(value)));
        if (status == 401) {
            response.addHeaderObject(HttpHeaders.WWW_AUTHENTICATE,
                    new Header().description("Always Bearer.").schema(new StringSchema().maxLength(100)));
        }
        if (status == 429 || status == 503) {
            response.addHeaderObject(HttpHeaders.RETRY_AFTER,
                    new Header().description("Seconds to wait.").schema(new IntegerSchema().minimum(BigDecimal.ZERO)));
        }
        return response;
    }

    /** What ApiExceptionHandler and ProblemWriter write (RFC 9457). */
    private static Schema<?> problemSchema() {
        return new ObjectSchema().description("RFC 9457 problem details.")
            .addProperty("type",
                    new StringSchema().format("uri")
                        .maxLength(200)
                        .description("urn:problem-type:domaindesk:<status name>, e.g. ...:not-found (docs/api.md)."))
            .addProperty("title", new StringSchema().maxLength(200).description("The status' reason phrase."))
            .addProperty("status",
                    new IntegerSchema().minimum(BigDecimal.valueOf(400)).maximum(BigDecimal.valueOf(599)))
            .addProperty("detail", new StringSchema().maxLength(2000).description("What went wrong, for a person."))
            .addProperty("instance",
                    new StringSchema().format("uri-reference").maxLength(2000).description("The request path."))
            .addProperty("errors",
                    new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError"))
                        .maxItems(100)
                        .description("400 only: each invalid field."))
            .required(List.of("type", "title", "status"));
    }

    private static Schema<?> fieldErrorSchema() {
        return new ObjectSchema().description("One invalid field of a request.")
            .addProperty("field", new StringSchema().maxLength(200).description("e.g. name, roles[0]"))
            .addProperty("message", new StringSchema().maxLength(1000))
            .required(List.of("field", "message"));
    }

}
