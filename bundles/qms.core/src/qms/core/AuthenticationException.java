package qms.core;

/**
 * User id and password did not identify an active, unlocked account. The message can be shown to the user as is:
 * it does not tell whether the user id exists. The failed attempt is in the audit trail and counts towards the
 * account's lockout.
 */
public final class AuthenticationException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final boolean locked;

    public AuthenticationException(String message, boolean locked) {
        super(message);
        this.locked = locked;
    }

    /** Whether the account is (now) locked: only an administrator can unlock it. */
    public boolean locked() {
        return locked;
    }
}
