package io.domaindesk.back.user;

import java.util.Locale;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.domaindesk.back.domain.DomainRepository;
import io.domaindesk.back.error.ConflictException;
import io.domaindesk.back.error.InvalidFieldException;
import io.domaindesk.back.error.NotAllowedException;
import io.domaindesk.back.error.NotFoundException;
import io.domaindesk.back.model.ExpectedVersion;
import io.domaindesk.back.model.LikePattern;
import io.domaindesk.back.user.UserDtos.CreateUserRequest;
import io.domaindesk.back.user.UserDtos.UpdateUserRequest;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules of user management: unique e-mails, known roles, hashed passwords, and only
 * an administrator may make or change an administrator (otherwise USER_WRITE could
 * promote itself). Broken rules are thrown as {@code io.domaindesk.back.error}
 * exceptions.
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
        return users.findById(id).orElseThrow(() -> new NotFoundException("No user with id " + id + "."));
    }

    /** The signed-in user: tokens of both issuers name it by its e-mail. */
    @Transactional(readOnly = true)
    public User caller(String email) {
        return users.findByEmail(normalise(email))
            .orElseThrow(() -> new NotFoundException("Your account no longer exists."));
    }

    @Transactional(readOnly = true)
    public Page<User> search(String q, Pageable pageable) {
        String pattern = LikePattern.containing(q);
        return pattern == null ? users.findAll(pageable) : users.search(pattern, pageable);
    }

    @Transactional(readOnly = true)
    public List<Role> roles() {
        return roles.findAll(Sort.by("name"));
    }

    public User create(CreateUserRequest request, boolean callerIsAdmin) {
        Set<String> newRoles = knownRoles(request.roles());
        requireAdminFor(newRoles.contains(Role.ADMIN), callerIsAdmin);
        String email = normalise(request.email());
        requireUniqueEmail(email);
        return users.save(new User(email, request.firstName().strip(), request.lastName().strip(),
                passwordEncoder.encode(request.password()), newRoles));
    }

    public User update(long id, UpdateUserRequest request, ExpectedVersion expected, boolean callerIsAdmin) {
        User user = get(id);
        expected.check(user);
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

    public void delete(long id, String callerEmail) {
        User user = get(id);
        if (user.getEmail().equals(normalise(callerEmail))) {
            throw new ConflictException("You cannot delete your own account.");
        }
        if (domains.existsByOwnerId(id)) {
            throw new ConflictException("User " + id + " still owns domains; give them to someone else first.");
        }
        users.delete(user);
    }

    private Set<String> knownRoles(Set<String> requested) {
        Set<String> unknown = new TreeSet<>(requested);
        roles.findAllById(requested).forEach(role -> unknown.remove(role.getName()));
        if (!unknown.isEmpty()) {
            throw new InvalidFieldException("roles", "unknown role(s): " + String.join(", ", unknown));
        }
        return new TreeSet<>(requested);
    }

    private void requireUniqueEmail(String email) {
        if (users.existsByEmail(email)) {
            throw new ConflictException("A user with e-mail " + email + " already exists.");
        }
    }

    private static void requireAdminFor(boolean touchesAdmin, boolean callerIsAdmin) {
        if (touchesAdmin && !callerIsAdmin) {
            throw new NotAllowedException("Only an administrator may grant, hold or change the ADMIN role.");
        }
    }

    /** E-mails are stored lower-case; a token without one (null) matches nobody. */
    static String normalise(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

}
