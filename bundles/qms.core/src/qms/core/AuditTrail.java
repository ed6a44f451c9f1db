package qms.core;

import java.util.List;

/** Read access to the append-only audit trail. There is no way to change or remove an entry through the API. */
public interface AuditTrail {

    /** All entries about one record, oldest first. */
    List<AuditEntry> forRecord(String recordId);

    /** Entries in sequence order, starting after {@code afterSequence}, at most {@code limit} of them. */
    List<AuditEntry> page(long afterSequence, int limit);

    /** Number of entries. */
    long size();

    /** The entries that match, newest first: {@code limit} of them from the {@code offset}-th. */
    List<AuditEntry> search(AuditQuery query, int offset, int limit);

    /** How many entries match. */
    long count(AuditQuery query);

    /**
     * Hands every matching entry to {@code each}, oldest first, reading the trail a page at a time (for exports of
     * any size).
     */
    void forEach(AuditQuery query, java.util.function.Consumer<AuditEntry> each);

    /** The user ids that appear in the trail, sorted. */
    List<String> users();

    /**
     * Records that the signed-in user exported entries ({@link AuditAction#EXPORT}); {@code what} names the
     * criteria, the format, the file and its SHA-256. Allowed for every signed-in user, auditors included.
     */
    void recordExport(String what);

    /**
     * Records an event of the installation that no record holds ({@link AuditAction#SYSTEM}), e.g. the database
     * this installation opens from its next start; {@code event} says what, from what to what. Administrators only:
     * {@link AccessDeniedException} otherwise.
     */
    void recordSystemEvent(String event);

    /**
     * Recomputes every entry's hash and checks that each links to the one before and that the last matches the
     * stored chain head. Reports the first entry whose chain breaks.
     */
    ChainVerification verify();
}
