package io.domaindesk.back.error;

/**
 * The caller changes a version of the resource that is no longer the current one (412).
 */
public final class PreconditionFailedException extends ServiceException {

    public PreconditionFailedException(String message) {
        super(message);
    }

}
