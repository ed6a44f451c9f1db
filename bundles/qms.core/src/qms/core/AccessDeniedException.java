package qms.core;

/**
 * The signed-in user's roles do not allow the operation (or nobody is signed in). Nothing of the operation was
 * written; the denial itself is recorded in the audit trail ({@link AuditAction#DENIED}).
 */
public final class AccessDeniedException extends StoreException {

    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super(message);
    }
}
