package io.domaindesk.dbmigrate;

/** Turns an exception chain into the one line an operator reads in the Job's log. */
final class Failures {

    private Failures() {
    }

    /**
     * The innermost message of the chain: Liquibase and the driver wrap the actual reason
     * ("Access denied for user ...", "Connection refused", "Table 'x' already exists") in
     * several layers of context.
     */
    static String describe(Throwable failure) {
        Throwable reason = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                reason = cause;
            }
        }
        String message = reason.getMessage() == null ? reason.getClass().getSimpleName() : reason.getMessage();
        return message.replaceAll("\\s+", " ").strip();
    }

}
