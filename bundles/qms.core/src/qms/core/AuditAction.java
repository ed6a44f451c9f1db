package qms.core;

/** What an audit-trail entry records. */
public enum AuditAction {
    /** A record was created; one entry per attribute or reference that was given a value. */
    CREATE,
    /** One attribute or reference of a record changed from the old to the new value. */
    UPDATE,
    /** A record was deleted; the old value is its label. */
    DELETE,
    /** An evidence file's content was stored; the new value is the content's SHA-256. */
    CONTENT,
    /** A store-level event that concerns no single record (e.g. the store was opened with a new schema). */
    SYSTEM
}
