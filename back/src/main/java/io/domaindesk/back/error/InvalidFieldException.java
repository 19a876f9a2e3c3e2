package io.domaindesk.back.error;

/** One field of the request breaks a rule the bean annotations cannot express (400). */
public final class InvalidFieldException extends ServiceException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

}
