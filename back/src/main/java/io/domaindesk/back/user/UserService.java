package io.domaindesk.back.user;

import java.util.Set;
import java.util.TreeSet;

import io.domaindesk.back.domain.DomainRepository;
import io.domaindesk.back.user.UserDtos.CreateUserRequest;
import io.domaindesk.back.user.UserDtos.UpdateUserRequest;
import io.domaindesk.back.web.ETags;
import io.domaindesk.back.web.FieldErrorException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * The rules of user management: unique e-mails, known roles, hashed passwords, and only
 * an administrator may make or change an administrator (otherwise USER_WRITE could
 * promote itself).
 */
@Service
@Transactional
public class UserService {

    private final UserRepository users;
    private final RoleRepository roles;
    private final DomainRepository domains;
    private final PasswordEncoder passwordEncoder;

    public UserService(UserRepository users, RoleRepository roles, DomainRepository domains,
            PasswordEncoder passwordEncoder) {
        this.users = users;
        this.roles = roles;
        this.domains = domains;
        this.passwordEncoder = passwordEncoder;
    }

    @Transactional(readOnly = true)
    public User get(long id) {
        return users.findById(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No user with id " + id + "."));
    }

    public User create(CreateUserRequest request, boolean callerIsAdmin) {
        Set<String> newRoles = knownRoles(request.roles());
        requireAdminFor(newRoles.contains(Role.ADMIN), callerIsAdmin);
        String email = normalise(request.email());
        requireUniqueEmail(email);
        return users.save(new User(email, request.firstName().strip(), request.lastName().strip(),
                passwordEncoder.encode(request.password()), newRoles));
    }

    public User update(long id, UpdateUserRequest request, String ifMatch, boolean callerIsAdmin) {
        User user = get(id);
        ETags.checkIfMatch(ifMatch, user.getVersion());
        requireAdminFor(user.isAdmin(), callerIsAdmin);
        if (request.email() != null && !normalise(request.email()).equals(user.getEmail())) {
            requireUniqueEmail(normalise(request.email()));
            user.setEmail(normalise(request.email()));
        }
        if (request.firstName() != null) {
            user.setFirstName(request.firstName().strip());
        }
        if (request.lastName() != null) {
            user.setLastName(request.lastName().strip());
        }
        if (request.password() != null) {
            user.setPasswordHash(passwordEncoder.encode(request.password()));
        }
        if (request.roles() != null) {
            Set<String> newRoles = knownRoles(request.roles());
            requireAdminFor(newRoles.contains(Role.ADMIN), callerIsAdmin);
            user.setRoles(newRoles);
        }
        // Flush now so that the version in the answer (and its ETag) is the new one.
        return users.saveAndFlush(user);
    }

    public void delete(long id, long callerId) {
        User user = get(id);
        if (user.getId() == callerId) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "You cannot delete your own account.");
        }
        if (domains.existsByOwnerId(id)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT,
                    "User " + id + " still owns domains; give them to someone else first.");
        }
        users.delete(user);
    }

    private Set<String> knownRoles(Set<String> requested) {
        Set<String> unknown = new TreeSet<>(requested);
        roles.findAllById(requested).forEach(role -> unknown.remove(role.getName()));
        if (!unknown.isEmpty()) {
            throw new FieldErrorException("roles", "unknown role(s): " + String.join(", ", unknown));
        }
        return new TreeSet<>(requested);
    }

    private void requireUniqueEmail(String email) {
        if (users.existsByEmail(email)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "A user with e-mail " + email + " already exists.");
        }
    }

    private static void requireAdminFor(boolean touchesAdmin, boolean callerIsAdmin) {
        if (touchesAdmin && !callerIsAdmin) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only an administrator may grant, hold or change the ADMIN role.");
        }
    }

    static String normalise(String email) {
        return email.strip().toLowerCase();
    }
}
