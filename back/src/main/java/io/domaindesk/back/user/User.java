package io.domaindesk.back.user;

import java.util.Set;
import java.util.TreeSet;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import io.domaindesk.back.model.AuditedEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

@Entity
@Table(name = "users")
public class User extends AuditedEntity {

    private String email;

    private String firstName;

    private String lastName;

    /** Delegating-encoder format ({@code {bcrypt}...}); never leaves the back. */
    private String passwordHash;

    // Role names are enough: roles themselves never change at run time. Lazy: a domain
    // names its owner without the owner's roles, so reading a domain or a page of them
    // leaves user_roles alone; what shows a user's roles reads them with the user
    // (UserRepository's entity graphs, UserService.search).
    @ElementCollection
    @CollectionTable(name = "user_roles", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "role_name")
    private Set<String> roles = new TreeSet<>();

    /**
     * Copied into each built-in token at sign-in; a token carrying another value is
     * refused. Raised when the e-mail, password or roles change, which ends every session
     * at once.
     */
    private long tokenVersion;

    protected User() {
    }

    public User(String email, String firstName, String lastName, String passwordHash, Set<String> roles) {
        this.email = email;
        this.firstName = firstName;
        this.lastName = lastName;
        this.passwordHash = passwordHash;
        this.roles = new TreeSet<>(roles);
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getFirstName() {
        return firstName;
    }

    public void setFirstName(String firstName) {
        this.firstName = firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public void setLastName(String lastName) {
        this.lastName = lastName;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public Set<String> getRoles() {
        return roles;
    }

    public void setRoles(Set<String> roles) {
        this.roles.clear();
        this.roles.addAll(roles);
    }

    public long getTokenVersion() {
        return tokenVersion;
    }

    /** Every token issued to this user until now stops working (once committed). */
    public void revokeTokens() {
        tokenVersion++;
    }

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }

}
