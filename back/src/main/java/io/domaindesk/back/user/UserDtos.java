package io.domaindesk.back.user;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What the user endpoints read and write. No password or hash ever goes out. */
public final class UserDtos {

    private UserDtos() {
    }

    public record UserResponse(Long id, String email, String firstName, String lastName, Set<String> roles,
            Instant createdAt, Instant updatedAt) {

        public static UserResponse from(User user) {
            return new UserResponse(user.getId(), user.getEmail(), user.getFirstName(), user.getLastName(),
                    Set.copyOf(user.getRoles()), user.getCreatedAt(), user.getUpdatedAt());
        }
    }

    /**
     * {@code GET /users/me}: the caller, and the permissions its token grants (from the
     * roles the token carries, through {@link Permission}'s table), which the UI follows.
     */
    public record CallerResponse(Long id, String email, String firstName, String lastName, Set<String> roles,
            List<String> permissions, Instant createdAt, Instant updatedAt) {

        public static CallerResponse from(User user, List<String> permissions) {
            return new CallerResponse(user.getId(), user.getEmail(), user.getFirstName(), user.getLastName(),
                    Set.copyOf(user.getRoles()), permissions, user.getCreatedAt(), user.getUpdatedAt());
        }
    }

    public record RoleResponse(String name, String description) {

        public static RoleResponse from(Role role) {
            return new RoleResponse(role.getName(), role.getDescription());
        }
    }

    public record CreateUserRequest(@NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 100) String firstName, @NotBlank @Size(max = 100) String lastName,
            @NotNull @Password String password, @NotNull Set<@NotBlank String> roles) {
    }

    /** PATCH: a field left out (or null) keeps its value. */
    public record UpdateUserRequest(@Email @Size(min = 1, max = 254) String email,
            @Size(min = 1, max = 100) String firstName, @Size(min = 1, max = 100) String lastName,
            @Password String password, Set<@NotBlank String> roles) {
    }

}
