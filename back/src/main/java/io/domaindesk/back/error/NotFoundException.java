package io.domaindesk.back.error;

/** What the request names does not exist (404). */
public final class NotFoundException extends ServiceException {

    public NotFoundException(String message) {
        super(message);
    }

}
