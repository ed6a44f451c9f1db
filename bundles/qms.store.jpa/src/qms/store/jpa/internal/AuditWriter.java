package qms.store.jpa.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import qms.core.AuditAction;
import qms.core.StoreException;

/**
 * Appends audit entries inside a write transaction. Created once per transaction: it locks the chain head row
 * (serialising writers), numbers and chains each entry, and moves the head with each entry.
 */
final class AuditWriter {

    /** The longest old or new value an entry holds: the longest text an attribute can store. */
    static final int MAX_VALUE = FeatureMapping.LONG_TEXT;

    private final EntityManager em;
    private final ChainHeadEntity head;
    private final String user;
    private final String reason;
    private final String at;
    private int written;

    AuditWriter(EntityManager em, String user, String reason) {
        this.em = em;
        this.user = user;
        this.reason = reason == null || reason.isBlank() ? null : reason.strip();
        this.at = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        ChainHeadEntity h = em.find(ChainHeadEntity.class, ChainHeadEntity.ID, LockModeType.PESSIMISTIC_WRITE);
        if (h == null) {
            h = new ChainHeadEntity();
            h.sequence = 0;
            h.hash = AuditChain.GENESIS;
            em.persist(h);
        }
        this.head = h;
    }

    void append(String recordId, String recordType, String recordLabel, AuditAction action, String attribute,
            String oldValue, String newValue) {
        for (String v : new String[] { oldValue, newValue }) {
            if (v != null && v.length() > MAX_VALUE) {
                throw new StoreException("The change of " + attribute + " of " + recordLabel + " is " + v.length()
                        + " characters long, more than the audit trail can hold (" + MAX_VALUE
                        + "); nothing was saved");
            }
        }
        AuditEntryEntity e = new AuditEntryEntity();
        e.sequence = head.sequence + 1;
        e.at = at;
        e.user = user;
        e.recordId = recordId;
        e.recordType = recordType;
        e.recordLabel = truncate(recordLabel, 512);
        e.action = action.name();
        e.attribute = attribute;
        e.oldValue = oldValue;
        e.newValue = newValue;
        e.reason = reason;
        e.previousHash = head.hash;
        e.hash = AuditChain.hash(e);
        em.persist(e);
        head.sequence = e.sequence;
        head.hash = e.hash;
        written++;
    }

    boolean hasReason() {
        return reason != null;
    }

    int written() {
        return written;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }
}
