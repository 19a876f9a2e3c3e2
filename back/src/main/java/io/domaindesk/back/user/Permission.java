package io.domaindesk.back.user;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * What a caller may do, and THE table of which role grants which permission. Security
 * rules are written against permissions ({@code SecurityConfig}); {@code GET /users/me}
 * sends the caller's to the UI, which shows only the controls they allow. A role that is
 * not in the table (an external issuer may send others) grants nothing.
 */
public enum Permission implements GrantedAuthority {

    DOMAINS_READ("domains:read"), DOMAINS_WRITE("domains:write"), USERS_READ("users:read"), USERS_WRITE("users:write"),
    USERS_DELETE("users:delete");

    private static final Map<String, Set<Permission>> BY_ROLE = Map.of(Role.ADMIN, EnumSet.allOf(Permission.class),
            Role.DOMAIN_READ, EnumSet.of(DOMAINS_READ), Role.DOMAIN_WRITE, EnumSet.of(DOMAINS_READ, DOMAINS_WRITE),
            Role.USER_READ, EnumSet.of(USERS_READ),
            // Creates and edits users without listing them.
            Role.USER_WRITE, EnumSet.of(USERS_WRITE),
            // Reads everything, changes nothing.
            Role.AUDITOR, EnumSet.of(DOMAINS_READ, USERS_READ));

    private final String authority;

    Permission(String authority) {
        this.authority = authority;
    }

    /**
     * The name in security rules and in {@code /users/me}, such as {@code domains:read}.
     */
    @Override
    public String getAuthority() {
        return authority;
    }

    /** Whether the caller's roles grant this permission. */
    public boolean isHeldBy(Authentication caller) {
        return AuthorityUtils.authorityListToSet(caller.getAuthorities()).contains(authority);
    }

    /** Everything these roles together grant. */
    public static Set<Permission> grantedTo(Collection<String> roles) {
        Set<Permission> granted = EnumSet.noneOf(Permission.class);
        roles.forEach(role -> granted.addAll(BY_ROLE.getOrDefault(role, Set.of())));
        return granted;
    }

    /** The permissions among a caller's authorities, in this enum's order. */
    public static List<String> heldBy(Collection<? extends GrantedAuthority> authorities) {
        Set<String> held = AuthorityUtils.authorityListToSet(authorities);
        return Arrays.stream(values()).map(Permission::getAuthority).filter(held::contains).toList();
    }

}
