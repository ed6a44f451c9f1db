package qms.core;

/** What an audit-trail entry records. */
public enum AuditAction {
    /**
     * A record was created; the new value is a {@link Snapshots snapshot} of the values it was created with (a
     * value too long to share it gets a CREATE entry of its own, naming its attribute).
     */
    CREATE,
    /** One attribute or reference of a record changed from the old to the new value. */
    UPDATE,
    /** A record was deleted; the old value is a {@link Snapshots snapshot} of its last values (as for CREATE). */
    DELETE,
    /** An evidence file's content was stored; the new value is the content's SHA-256. */
    CONTENT,
    /** A store-level event that concerns no single record (e.g. the store was opened with a new schema). */
    SYSTEM,
    /** A user signed in (or unlocked a locked session). */
    SIGN_IN,
    /** A sign-in, password change or signature failed: wrong user id or password, inactive or locked account. */
    SIGN_IN_FAILED,
    /** Too many failed attempts: the account is locked until an administrator unlocks it. */
    LOCKOUT,
    /** An administrator unlocked an account. */
    UNLOCK,
    /** A user signed out, or the session was closed. */
    SIGN_OUT,
    /** A password was set or changed (the value is never recorded). */
    PASSWORD,
    /** An operation was refused: the user's roles do not allow it. */
    DENIED,
    /** A record was signed electronically; the new value names signer, meaning and content hash. */
    SIGNATURE,
    /** A backup of the suite's own database, or its restore test; the new value gives the result. */
    BACKUP,
    /** The audit trail (or part of it) was exported; the new value names the criteria, format and file. */
    EXPORT
}
