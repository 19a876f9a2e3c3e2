package io.domaindesk.back.user;

import java.net.URI;
import java.util.List;
import java.util.Set;

import io.domaindesk.back.user.UserDtos.CallerResponse;
import io.domaindesk.back.user.UserDtos.CreateUserRequest;
import io.domaindesk.back.user.UserDtos.RoleResponse;
import io.domaindesk.back.user.UserDtos.UpdateUserRequest;
import io.domaindesk.back.user.UserDtos.UserResponse;
import io.domaindesk.back.web.ETags;
import io.domaindesk.back.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Users and roles. Who may call what is decided in {@code SecurityConfig}. */
@RestController
@RequestMapping("/api/v1")
class UserController {

    private static final Set<String> SORTABLE = Set.of("email", "firstName", "lastName", "createdAt");

    private final UserService service;

    UserController(UserService service) {
        this.service = service;
    }

    /** The caller, with the permissions SecurityConfig derived from its token's roles. */
    @Operation(operationId = "getCurrentUser", summary = "Get the caller and its permissions", tags = "Users")
    @GetMapping("/users/me")
    ResponseEntity<CallerResponse> me(Authentication caller) {
        User user = service.caller(token(caller));
        return ResponseEntity.ok()
            .eTag(ETags.of(user.getVersion()))
            .body(CallerResponse.from(user, Permission.heldBy(caller.getAuthorities())));
    }

    @Operation(operationId = "listRoles", summary = "List the roles", tags = "Roles")
    @GetMapping("/roles")
    List<RoleResponse> roles() {
        return service.roles().stream().map(RoleResponse::from).toList();
    }

    @Operation(operationId = "listUsers", summary = "List users, optionally searched", tags = "Users")
    @GetMapping("/users")
    PagedModel<UserResponse> list(@RequestParam(required = false) String q,
            @PageableDefault(size = 20, sort = "email") Pageable pageable) {
        Paging.checkSort(pageable, SORTABLE);
        return new PagedModel<>(service.search(q, pageable).map(UserResponse::from));
    }

    @Operation(operationId = "getUser", summary = "Get a user", tags = "Users")
    @GetMapping("/users/{id}")
    ResponseEntity<UserResponse> get(@PathVariable long id) {
        return withETag(service.get(id));
    }

    @Operation(operationId = "createUser", summary = "Create a user", tags = "Users")
    @PostMapping("/users")
    ResponseEntity<UserResponse> create(@Valid @RequestBody CreateUserRequest request, Authentication caller) {
        User user = service.create(request, isAdmin(caller));
        return ResponseEntity.created(URI.create("/api/v1/users/" + user.getId()))
            .eTag(ETags.of(user.getVersion()))
            .body(UserResponse.from(user));
    }

    @Operation(operationId = "updateUser", summary = "Change some fields of a user, guarded by If-Match",
            tags = "Users")
    @PatchMapping("/users/{id}")
    ResponseEntity<UserResponse> update(@PathVariable long id, @Valid @RequestBody UpdateUserRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Authentication caller) {
        return withETag(service.update(id, request, ETags.ifMatch(ifMatch), isAdmin(caller)));
    }

    @Operation(operationId = "deleteUser", summary = "Delete a user who owns no domains", tags = "Users")
    @DeleteMapping("/users/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id, Authentication caller) {
        service.delete(id, token(caller));
    }

    private static ResponseEntity<UserResponse> withETag(User user) {
        return ResponseEntity.ok().eTag(ETags.of(user.getVersion())).body(UserResponse.from(user));
    }

    private static Jwt token(Authentication caller) {
        return (Jwt) caller.getPrincipal();
    }

    /**
     * From the authorities SecurityConfig derived from the token, like every other role
     * check.
     */
    private static boolean isAdmin(Authentication caller) {
        return AuthorityUtils.authorityListToSet(caller.getAuthorities()).contains("ROLE_" + Role.ADMIN);
    }

}
