package qms.core;

/**
 * Who is acting: every write is attributed to a principal in the audit trail. The workbench's principal is the
 * user who signed in ({@link Accounts#signIn}); the store looks up their roles itself.
 *
 * @param userId      unique user id, as recorded in the audit trail
 * @param displayName printed name
 */
public record Principal(String userId, String displayName) {

    public Principal {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("A principal needs a user id");
        }
    }
}
