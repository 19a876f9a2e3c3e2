package io.domaindesk.back.error;

/**
 * A request the services refuse because it breaks one of their rules. Services know
 * nothing of HTTP: {@code ApiExceptionHandler} turns each kind into its problem status.
 */
public abstract sealed class ServiceException extends RuntimeException permits NotFoundException, ConflictException,
        PreconditionFailedException, NotAllowedException, InvalidFieldException {

    protected ServiceException(String message) {
        super(message);
    }

}
