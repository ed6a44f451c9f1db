package qms.core;

/**
 * Who is acting: every write is attributed to a principal in the audit trail.
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

    /** The operating-system account running the suite (used until sign-in is configured). */
    public static Principal osUser() {
        String name = System.getProperty("user.name", "unknown");
        return new Principal(name, name);
    }
}
