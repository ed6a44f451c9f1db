package qms.core;

/** Stored data does not match its recorded SHA-256 (evidence content, or the audit trail's hash chain). */
public final class IntegrityException extends StoreException {

    private static final long serialVersionUID = 1L;

    public IntegrityException(String message) {
        super(message);
    }
}
