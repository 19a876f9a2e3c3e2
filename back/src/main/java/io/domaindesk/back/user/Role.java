package io.domaindesk.back.user;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One of the six roles seeded by dbmigrate; read-only for the back. What each grants:
 * {@link Permission}.
 */
@Entity
@Table(name = "roles")
public class Role {

    public static final String ADMIN = "ADMIN";

    public static final String USER_READ = "USER_READ";

    public static final String USER_WRITE = "USER_WRITE";

    public static final String DOMAIN_READ = "DOMAIN_READ";

    public static final String DOMAIN_WRITE = "DOMAIN_WRITE";

    public static final String AUDITOR = "AUDITOR";

    @Id
    private String name;

    private String description;

    protected Role() {
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

}
