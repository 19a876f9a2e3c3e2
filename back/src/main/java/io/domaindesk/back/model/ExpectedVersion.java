package io.domaindesk.back.model;

import java.util.Set;

import io.domaindesk.back.error.PreconditionFailedException;

/**
 * The version(s) of an entity a caller read before changing it (optimistic locking):
 * {@link #ANY} when the caller did not say, so the change applies whatever the version.
 */
public record ExpectedVersion(Set<Long> versions) {

    public static final ExpectedVersion ANY = new ExpectedVersion(null);

    public static ExpectedVersion oneOf(Set<Long> versions) {
        return new ExpectedVersion(Set.copyOf(versions));
    }

    /** Refuses to change {@code entity} unless its version is one the caller expects. */
    public void check(AuditedEntity entity) {
        if (versions != null && !versions.contains(entity.getVersion())) {
            throw new PreconditionFailedException("The resource changed since you read it (current version "
                    + entity.getVersion() + "); read it again.");
        }
    }
}
