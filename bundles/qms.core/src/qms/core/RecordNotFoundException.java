package qms.core;

/** No record with the given id exists (it may have been deleted by someone else). */
public final class RecordNotFoundException extends StoreException {

    private static final long serialVersionUID = 1L;

    public RecordNotFoundException(String id) {
        super("No record with id " + id + " exists; it may have been deleted");
    }
}
