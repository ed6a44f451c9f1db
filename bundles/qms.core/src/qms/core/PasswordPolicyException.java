package qms.core;

import java.util.List;

/** A new password breaks the password policy; nothing was changed. */
public final class PasswordPolicyException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final List<String> violations;

    public PasswordPolicyException(List<String> violations) {
        super(String.join(". ", violations) + ".");
        this.violations = List.copyOf(violations);
    }

    /** One sentence per rule broken. */
    public List<String> violations() {
        return violations;
    }
}
