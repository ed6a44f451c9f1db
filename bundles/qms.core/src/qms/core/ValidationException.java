package qms.core;

import java.util.List;

import org.eclipse.emf.common.util.Diagnostic;

/** A record violates the model's constraints; nothing was written. {@link #problems()} names each field. */
public final class ValidationException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final transient Diagnostic diagnostic;

    public ValidationException(String message, Diagnostic diagnostic) {
        super(message);
        this.diagnostic = diagnostic;
    }

    public Diagnostic diagnostic() {
        return diagnostic;
    }

    /** One line per problem, e.g. "Computerized System 'EDC': The feature 'name' ... is required". */
    public List<String> problems() {
        return diagnostic.getChildren().stream().map(Diagnostic::getMessage).toList();
    }
}
