package io.domaindesk.dbmigrate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The first administrator's e-mail and clear-text password, from ADMIN_EMAIL and
 * ADMIN_PASSWORD. The e-mail is kept the way the API stores every e-mail, trimmed and
 * lower-case: stored as typed, a mixed-case address would be a second spelling of the
 * administrator the API cannot match. The password is only ever hashed;
 * {@link #toString()} hides it.
 */
public record AdminAccount(String email, String password) {

    public AdminAccount {
        email = email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * bcrypt ignores every byte after the 72nd: a longer password would be silently cut.
     */
    static final int MAX_PASSWORD_BYTES = 72;
    static final int MIN_PASSWORD_LENGTH = 12;

    /**
     * Deliberately simple: one @, no spaces, a dot in the domain; the back checks the
     * same way.
     */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /**
     * What is wrong with the values, in words an operator can act on; empty when usable.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (email == null || email.isBlank()) {
            problems.add("ADMIN_EMAIL is not set");
        }
        else if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            problems.add("ADMIN_EMAIL is not an e-mail address");
        }
        if (password == null || password.isEmpty()) {
            problems.add("ADMIN_PASSWORD is not set");
        }
        else if (password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            problems.add("ADMIN_PASSWORD is shorter than " + MIN_PASSWORD_LENGTH + " characters");
        }
        else if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            problems
                .add("ADMIN_PASSWORD is longer than " + MAX_PASSWORD_BYTES + " bytes (bcrypt would ignore the rest)");
        }
        return problems;
    }

    @Override
    public String toString() {
        return "AdminAccount[email=" + email + ", password=(hidden)]";
    }
}
