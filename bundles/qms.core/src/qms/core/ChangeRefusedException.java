package qms.core;

/** A module's {@link ChangeRule} refused a change; nothing was written. */
public final class ChangeRefusedException extends StoreException {

    private static final long serialVersionUID = 1L;

    public ChangeRefusedException(String message) {
        super(message);
    }
}
