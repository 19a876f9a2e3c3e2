package io.domaindesk.back.user;

import java.util.Locale;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.domaindesk.back.BackProperties;
import io.domaindesk.back.domain.DomainRepository;
import io.domaindesk.back.error.ConflictException;
import io.domaindesk.back.error.InvalidFieldException;
import io.domaindesk.back.error.NotAllowedException;
import io.domaindesk.back.error.NotFoundException;
import io.domaindesk.back.model.ExpectedVersion;
import io.domaindesk.back.model.LikePattern;
import io.domaindesk.back.user.UserDtos.CreateUserRequest;
import io.domaindesk.back.user.UserDtos.UpdateUserRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
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

    private final ApplicationEventPublisher events;

    /** The {@code iss} of the tokens the back signs itself. */
    private final String builtInIssuer;

    public UserService(UserRepository users, RoleRepository roles, DomainRepository domains,
            PasswordEncoder passwordEncoder, ApplicationEventPublisher events, BackProperties properties) {
        this.users = users;
        this.roles = roles;
        this.domains = domains;
        this.passwordEncoder = passwordEncoder;
        this.events = events;
        this.builtInIssuer = properties.jwt().issuer();
    }

    @Transactional(readOnly = true)
    public User get(long id) {
        return users.findById(id).orElseThrow(() -> new NotFoundException("No user with id " + id + "."));
    }

    /** The signed-in user. */
    @Transactional(readOnly = true)
    public User caller(Jwt token) {
        Optional<User> user = callerId(token).flatMap(users::findById);
        return user.orElseThrow(() -> new NotFoundException("Your account no longer exists."));
    }

    /**
     * The signed-in user's id. The built-in tokens name it as their subject; an external
     * issuer's subjects are its own, so its tokens name the user by e-mail.
     */
    private Optional<Long> callerId(Jwt token) {
        if (builtInIssuer.equals(token.getClaimAsString(JwtClaimNames.ISS))) {
            return Optional.of(Long.valueOf(token.getSubject()));
        }
        return users.findByEmail(normalise(token.getClaimAsString("email"))).map(User::getId);
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

    /**
     * A change of the e-mail, password or roles revokes the user's tokens: they stop
     * working at once, and the user signs in again.
     */
    public User update(long id, UpdateUserRequest request, ExpectedVersion expected, boolean callerIsAdmin) {
        User user = getForUpdate(id);
        expected.check(user);
        long tokenVersion = user.getTokenVersion();
        requireAdminFor(user.isAdmin(), callerIsAdmin);
        Set<String> newRoles = request.roles() == null ? null : knownRoles(request.roles());
        if (newRoles != null) {
            requireAdminFor(newRoles.contains(Role.ADMIN), callerIsAdmin);
            if (user.isAdmin() && !newRoles.contains(Role.ADMIN)) {
                // Before any change is made: the locking query would flush it early.
                requireAnotherAdministrator(user);
            }
        }
        if (request.email() != null && !normalise(request.email()).equals(user.getEmail())) {
            requireUniqueEmail(normalise(request.email()));
            user.setEmail(normalise(request.email()));
            user.revokeTokens();
        }
        if (request.firstName() != null) {
            user.setFirstName(request.firstName().strip());
        }
        if (request.lastName() != null) {
            user.setLastName(request.lastName().strip());
        }
        if (request.password() != null) {
            user.setPasswordHash(passwordEncoder.encode(request.password()));
            user.revokeTokens();
        }
        if (newRoles != null && !newRoles.equals(user.getRoles())) {
            user.setRoles(newRoles);
            user.revokeTokens();
        }
        if (user.getTokenVersion() != tokenVersion) {
            events.publishEvent(new TokensRevoked(id));
        }
        // Flush now so that the version in the answer (and its ETag) is the new one.
        return users.saveAndFlush(user);
    }

    public void delete(long id, Jwt caller) {
        User user = getForUpdate(id);
        if (callerId(caller).filter(callerId -> callerId == id).isPresent()) {
            throw new ConflictException("You cannot delete your own account.");
        }
        if (domains.existsByOwnerId(id)) {
            throw new ConflictException("User " + id + " still owns domains; give them to someone else first.");
        }
        if (user.isAdmin()) {
            requireAnotherAdministrator(user);
        }
        users.delete(user);
        events.publishEvent(new TokensRevoked(id));
    }

    /** The user, its row locked until the transaction ends. */
    private User getForUpdate(long id) {
        users.lock(id).orElseThrow(() -> new NotFoundException("No user with id " + id + "."));
        return get(id);
    }

    /**
     * Refuses to take ADMIN from the last administrator, who alone can grant it back.
     */
    private void requireAnotherAdministrator(User administrator) {
        if (users.lockAdministrators().stream().allMatch(administrator.getId()::equals)) {
            throw new ConflictException(
                    "User " + administrator.getId() + " is the last administrator; make someone else one first.");
        }
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

    /**
     * E-mails are stored lower-case, and compared so everywhere (sign-in, its throttle);
     * a token without one (null) matches nobody.
     */
    public static String normalise(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

}
