package qms.core.lifecycle;

import qms.core.StoreException;

/**
 * A lifecycle step that the record's state, a waiting or missing sign-off, or the separation of duties does not
 * allow now; the message says which, as a sentence. Nothing was changed.
 */
public final class StepRefusedException extends StoreException {

    private static final long serialVersionUID = 1L;

    public StepRefusedException(String message) {
        super(message);
    }
}
