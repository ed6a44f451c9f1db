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

    /**
     * Recomputes every entry's hash and checks that each links to the one before and that the last matches the
     * stored chain head. Reports the first entry whose chain breaks.
     */
    ChainVerification verify();
}
