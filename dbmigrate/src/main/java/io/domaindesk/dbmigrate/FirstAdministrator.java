package io.domaindesk.dbmigrate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import liquibase.Scope;
import liquibase.change.CheckSum;
import liquibase.change.custom.CustomChangeChecksum;
import liquibase.change.custom.CustomTaskChange;
import liquibase.change.custom.CustomTaskRollback;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * Liquibase {@code customChange} that creates the first administrator from ADMIN_EMAIL
 * and ADMIN_PASSWORD.
 *
 * <p>
 * Why not an {@code insert} change: the bcrypt hash differs on every run, and a value
 * written in the changelog would end up in the changeset's checksum (and in the
 * changelog, which is in the image). Here the changelog only names this class, so the
 * checksum is stable, and the account comes from the environment at run time, only when
 * this changeset has not run yet.
 */
public class FirstAdministrator implements CustomTaskChange, CustomTaskRollback, CustomChangeChecksum {

    /**
     * Liquibase scope key under which the {@code update} command hands over the account.
     */
    public static final String ACCOUNT = FirstAdministrator.class.getName() + ".account";

    /**
     * The first administrator is always user 1: the rollback then knows whom to remove
     * without ADMIN_EMAIL, and MySQL never hands out an AUTO_INCREMENT id twice.
     */
    public static final long ID = 1;

    /**
     * Liquibase validates a pending changeset before it runs any: a bad account applies
     * nothing.
     */
    @Override
    public ValidationErrors validate(Database database) {
        ValidationErrors errors = new ValidationErrors();
        AdminAccount account = account();
        // No account in scope: a command that does not apply changesets (status,
        // rollback, ...).
        if (account != null && !account.problems().isEmpty()) {
            errors.addError("cannot create the first administrator: " + String.join("; ", account.problems()));
        }
        return errors;
    }

    @Override
    public void execute(Database database) throws CustomChangeException {
        AdminAccount account = account();
        if (account == null || !account.problems().isEmpty()) {
            throw new CustomChangeException("the first administrator needs a valid ADMIN_EMAIL and ADMIN_PASSWORD");
        }
        // The same delegating encoder as the back: stores "{bcrypt}$2a$10$...".
        String hash = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(account.password());
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        try (PreparedStatement user = connection(database).prepareStatement("""
                INSERT INTO users (id, email, first_name, last_name, password_hash, version, created_at, updated_at)
                VALUES (?, ?, 'Admin', 'DomainDesk', ?, 0, ?, ?)""");
                PreparedStatement role = connection(database)
                    .prepareStatement("INSERT INTO user_roles (user_id, role_name) VALUES (?, 'ADMIN')")) {
            user.setLong(1, ID);
            user.setString(2, account.email());
            user.setString(3, hash);
            user.setObject(4, now);
            user.setObject(5, now);
            user.executeUpdate();
            role.setLong(1, ID);
            role.executeUpdate();
        }
        catch (SQLException e) {
            throw new CustomChangeException("cannot create the first administrator: " + e.getMessage(), e);
        }
    }

    @Override
    public void rollback(Database database) throws CustomChangeException {
        // user_roles rows go with it (ON DELETE CASCADE).
        try (PreparedStatement delete = connection(database).prepareStatement("DELETE FROM users WHERE id = ?")) {
            delete.setLong(1, ID);
            delete.executeUpdate();
        }
        catch (SQLException e) {
            throw new CustomChangeException("cannot remove the first administrator: " + e.getMessage(), e);
        }
    }

    /**
     * Fixed on purpose: what this change does is this class, never the account it
     * creates.
     */
    @Override
    public CheckSum generateChecksum() {
        return CheckSum.compute(getClass().getName());
    }

    @Override
    public String getConfirmationMessage() {
        return "Created the first administrator (user " + ID + ")";
    }

    @Override
    public void setUp() {
    }

    @Override
    public void setFileOpener(ResourceAccessor resourceAccessor) {
    }

    private static AdminAccount account() {
        return Scope.getCurrentScope().get(ACCOUNT, AdminAccount.class);
    }

    private static Connection connection(Database database) {
        // Liquibase's own connection: the insert commits with the changeset.
        return ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
    }

}
