package qms.core;

/**
 * A store operation failed. Whenever a store method throws, the operation's transaction was rolled back: nothing
 * of it was written, neither records nor audit-trail entries.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
