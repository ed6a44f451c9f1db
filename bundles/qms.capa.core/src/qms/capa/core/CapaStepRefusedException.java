package qms.capa.core;

import qms.core.StoreException;

/** A lifecycle step that the CAPA's state or the separation of duties does not allow; nothing was changed. */
public final class CapaStepRefusedException extends StoreException {

    private static final long serialVersionUID = 1L;

    public CapaStepRefusedException(String message) {
        super(message);
    }
}
