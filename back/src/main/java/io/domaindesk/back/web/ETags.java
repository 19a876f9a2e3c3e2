package io.domaindesk.back.web;

import org.springframework.http.ETag;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Optimistic locking over HTTP: the entity version is the ETag, If-Match must carry it. */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** Throws 412 unless {@code ifMatch} is absent, {@code *}, or names {@code version}. */
    public static void checkIfMatch(String ifMatch, long version) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        // If-Match uses the strong comparison: a weak tag never matches (RFC 9110 §13.1.1).
        boolean matches = ETag.parse(ifMatch).stream()
                .anyMatch(tag -> tag.isWildcard() || (!tag.weak() && tag.tag().equals(Long.toString(version))));
        if (!matches) {
            throw new ResponseStatusException(HttpStatus.PRECONDITION_FAILED,
                    "The resource changed since you read it (current ETag " + of(version) + "); read it again.");
        }
    }
}
