package io.domaindesk.back.error;

/**
 * The caller may call this endpoint but not with these values, such as granting the ADMIN
 * role without holding it (403).
 */
public final class NotAllowedException extends ServiceException {

    public NotAllowedException(String message) {
        super(message);
    }

}
