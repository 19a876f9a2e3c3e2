package io.domaindesk.back.error;

/**
 * The request clashes with existing data: a duplicate, or a row still referenced (409).
 */
public final class ConflictException extends ServiceException {

    public ConflictException(String message) {
        super(message);
    }

}
