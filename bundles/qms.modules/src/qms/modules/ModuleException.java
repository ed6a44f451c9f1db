package qms.modules;

/** A module could not be listed, installed, updated or removed; the message says why in a sentence. */
public final class ModuleException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ModuleException(String message) {
        super(message);
    }

    public ModuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
