package io.domaindesk.back.user;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.domaindesk.back.user.UserDtos.CreateUserRequest;
import io.domaindesk.back.user.UserDtos.UpdateUserRequest;
import io.domaindesk.back.user.UserDtos.UserResponse;
import io.domaindesk.back.web.ETags;
import io.domaindesk.back.web.Paging;
import jakarta.validation.Valid;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
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
import org.springframework.web.server.ResponseStatusException;

/** Users and roles. Who may call what is decided in {@code SecurityConfig}. */
@RestController
@RequestMapping("/api/v1")
class UserController {

    private static final Set<String> SORTABLE = Set.of("email", "firstName", "lastName", "createdAt");

    private final UserService service;
    private final UserRepository users;
    private final RoleRepository roles;

    UserController(UserService service, UserRepository users, RoleRepository roles) {
        this.service = service;
        this.users = users;
        this.roles = roles;
    }

    @GetMapping("/users/me")
    ResponseEntity<UserResponse> me(@AuthenticationPrincipal Jwt token) {
        return withETag(caller(token)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Your account no longer exists.")));
    }

    @GetMapping("/roles")
    List<RoleResponse> roles() {
        return roles.findAll(Sort.by("name")).stream().map(RoleResponse::from).toList();
    }

    @GetMapping("/users")
    PagedModel<UserResponse> list(@RequestParam(required = false) String q,
            @PageableDefault(size = 20, sort = "email") Pageable pageable) {
        Paging.checkSort(pageable, SORTABLE);
        String pattern = Paging.likePattern(q);
        var page = pattern == null ? users.findAll(pageable) : users.search(pattern, pageable);
        return new PagedModel<>(page.map(UserResponse::from));
    }

    @GetMapping("/users/{id}")
    ResponseEntity<UserResponse> get(@PathVariable long id) {
        return withETag(service.get(id));
    }

    @PostMapping("/users")
    ResponseEntity<UserResponse> create(@Valid @RequestBody CreateUserRequest request, Authentication caller) {
        User user = service.create(request, isAdmin(caller));
        return ResponseEntity.created(URI.create("/api/v1/users/" + user.getId()))
                .eTag(ETags.of(user.getVersion()))
                .body(UserResponse.from(user));
    }

    @PatchMapping("/users/{id}")
    ResponseEntity<UserResponse> update(@PathVariable long id, @Valid @RequestBody UpdateUserRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            Authentication caller) {
        return withETag(service.update(id, request, ifMatch, isAdmin(caller)));
    }

    @DeleteMapping("/users/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id, @AuthenticationPrincipal Jwt token) {
        service.delete(id, caller(token).map(User::getId).orElse(-1L));
    }

    /** The signed-in user: tokens of both issuers name it by its e-mail. */
    private Optional<User> caller(Jwt token) {
        return users.findByEmail(token.getClaimAsString("email"));
    }

    private static ResponseEntity<UserResponse> withETag(User user) {
        return ResponseEntity.ok().eTag(ETags.of(user.getVersion())).body(UserResponse.from(user));
    }

    /** From the authorities SecurityConfig derived from the token, like every other role check. */
    private static boolean isAdmin(Authentication caller) {
        return AuthorityUtils.authorityListToSet(caller.getAuthorities()).contains("ROLE_" + Role.ADMIN);
    }

    record RoleResponse(String name, String description) {
        static RoleResponse from(Role role) {
            return new RoleResponse(role.getName(), role.getDescription());
        }
    }
}
