package io.domaindesk.back.model;

import java.util.function.Supplier;

import io.domaindesk.back.error.ConflictException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.ConstraintViolationException.ConstraintKind;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Unique keys (a domain's name, a user's e-mail) are the database's to enforce. A check
 * before the write would cost a statement on every write and still let two concurrent
 * writes of one name past it; the unique index refuses the second whatever the timing.
 */
public final class UniqueKeys {

    private UniqueKeys() {
    }

    /**
     * The result of {@code write}, which must send its SQL before it returns (a save with
     * a generated id, or a save and flush). A unique key it breaks becomes a
     * {@link ConflictException} that says {@code conflict}; any other broken constraint
     * is thrown as it is.
     */
    public static <T> T write(Supplier<T> write, String conflict) {
        try {
            return write.get();
        }
        catch (DataIntegrityViolationException ex) {
            if (ex.getCause() instanceof ConstraintViolationException violation
                    && violation.getKind() == ConstraintKind.UNIQUE) {
                throw new ConflictException(conflict);
            }
            throw ex;
        }
    }

}
