package io.domaindesk.back.model;

import java.util.Locale;

/**
 * Turns a person's search text into a case-insensitive SQL {@code LIKE} pattern that
 * matches it anywhere, with the wildcards {@code %} and {@code _} (and the escape
 * character {@code \}) escaped, for queries that declare {@code escape '\'}.
 */
public final class LikePattern {

    private LikePattern() {
    }

    /** {@code null} (no filter) for blank text. */
    public static String containing(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String escaped = text.strip()
            .toLowerCase(Locale.ROOT)
            .replace("\\", "\\\\")
            .replace("%", "\\%")
            .replace("_", "\\_");
        return "%" + escaped + "%";
    }

}
