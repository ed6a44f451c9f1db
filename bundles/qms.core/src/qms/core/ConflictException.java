package qms.core;

/**
 * Optimistic-lock conflict: a record was changed (or deleted) by someone else after it was loaded. Nothing of the
 * save was written; reload the record and apply the change again.
 */
public final class ConflictException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final String recordId;

    public ConflictException(String recordId, String message) {
        super(message);
        this.recordId = recordId;
    }

    public String recordId() {
        return recordId;
    }
}
