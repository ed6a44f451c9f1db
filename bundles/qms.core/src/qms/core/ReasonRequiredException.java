package qms.core;

/**
 * The change concerns a controlled record (in an approved, effective or closed state, or signed), which needs a
 * reason for the change. Nothing was written; save again with a reason.
 */
public final class ReasonRequiredException extends StoreException {

    private static final long serialVersionUID = 1L;

    public ReasonRequiredException(String message) {
        super(message);
    }
}
