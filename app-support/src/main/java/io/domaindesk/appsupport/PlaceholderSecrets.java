package io.domaindesk.appsupport;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The one rule for placeholder secrets: a secret copied from an example file and never
 * replaced must stop the app at start, not protect production with a value published in
 * this repository. dbmigrate and the back both apply it (the back through
 * {@link PlaceholderSecretsEnvironmentPostProcessor}).
 */
public final class PlaceholderSecrets {

    /**
     * The secrets the apps read, by their environment variable names. The MySQL and
     * exporter passwords are read by MySQL and mysqld_exporter only; the application
     * user's one reaches the apps as DB_PASSWORD.
     */
    public static final List<String> VARIABLES = List.of("DB_PASSWORD", "JWT_SECRET", "ADMIN_PASSWORD");

    /**
     * The placeholder values the example files have shipped (the pattern below catches
     * them too).
     */
    static final Set<String> SHIPPED = Set.of("change-me-to-a-random-key-of-at-least-32-bytes",
            "change-me-admin-password", "change-me-root-password", "change-me-app-password",
            "change-me-exporter-password");

    /**
     * What people write where a secret should go: change-me (in any spelling), example,
     * placeholder, your-..., a {@code <...>} to fill in, or a run of x. A random secret
     * contains none of these words in practice (base64 of 32 bytes is 43 characters drawn
     * from 64).
     */
    private static final Pattern LOOKS_LIKE_A_PLACEHOLDER = Pattern.compile(
            ".*(change[-_ .]?me|changeit|example|placeholder).*|your[-_].*|<.*>|x{3,}.*", Pattern.CASE_INSENSITIVE);

    private PlaceholderSecrets() {
    }

    public static boolean isPlaceholder(String value) {
        return value != null
                && (SHIPPED.contains(value.strip()) || LOOKS_LIKE_A_PLACEHOLDER.matcher(value.strip()).matches());
    }

    /**
     * The reason to refuse to start, in one line, for the first of {@link #VARIABLES}
     * whose value (looked up with {@code lookup}, e.g. {@code System::getenv}) is a
     * placeholder. The value itself is never repeated: a real secret that merely looks
     * like one stays unlogged.
     */
    public static Optional<String> problem(Function<String, String> lookup) {
        return VARIABLES.stream()
            .filter(variable -> isPlaceholder(lookup.apply(variable)))
            .findFirst()
            .map(variable -> variable + " is a placeholder value, not a secret: set it to a real secret"
                    + " (for example from openssl rand -base64 32)");
    }

}
