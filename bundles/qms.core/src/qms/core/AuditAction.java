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
    SYSTEM
}
