package qms.store.jpa.internal;

import java.util.List;
import java.util.function.Function;

import jakarta.persistence.EntityManager;

import qms.core.AuditEntry;
import qms.core.AuditTrail;
import qms.core.ChainVerification;

/** Reads the audit trail and checks its hash chain. */
final class JpaAuditTrail implements AuditTrail {

    private static final int PAGE = 2000;

    private final JpaRecordStore store;

    JpaAuditTrail(JpaRecordStore store) {
        this.store = store;
    }

    private <T> T read(Function<EntityManager, T> work) {
        return store.read(work);
    }

    @Override
    public List<AuditEntry> forRecord(String recordId) {
        return read(em -> em.createQuery("SELECT a FROM AuditEntryEntity a WHERE a.recordId = :id ORDER BY a.sequence",
                AuditEntryEntity.class).setParameter("id", recordId).getResultList().stream()
                .map(AuditChain::toEntry).toList());
    }

    @Override
    public List<AuditEntry> page(long afterSequence, int limit) {
        return read(em -> em.createQuery("SELECT a FROM AuditEntryEntity a WHERE a.sequence > :s ORDER BY a.sequence",
                AuditEntryEntity.class).setParameter("s", afterSequence).setMaxResults(limit).getResultList()
                .stream().map(AuditChain::toEntry).toList());
    }

    @Override
    public long size() {
        return read(em -> em.createQuery("SELECT COUNT(a) FROM AuditEntryEntity a", Long.class).getSingleResult());
    }

    @Override
    public ChainVerification verify() {
        return read(em -> {
            long expected = 1;
            String previous = AuditChain.GENESIS;
            long checked = 0;
            while (true) {
                List<AuditEntryEntity> page = em
                        .createQuery("SELECT a FROM AuditEntryEntity a WHERE a.sequence >= :s ORDER BY a.sequence",
                                AuditEntryEntity.class)
                        .setParameter("s", expected).setMaxResults(PAGE).getResultList();
                for (AuditEntryEntity e : page) {
                    checked++;
                    if (e.sequence != expected) {
                        return new ChainVerification(checked, expected,
                                "entry " + expected + " is missing (the next entry present is " + e.sequence + ")",
                                null);
                    }
                    if (!previous.equals(e.previousHash)) {
                        return new ChainVerification(checked, e.sequence, "it does not link to entry "
                                + (e.sequence - 1) + " (one of the two was altered)", null);
                    }
                    if (!AuditChain.hash(e).equals(e.hash)) {
                        return new ChainVerification(checked, e.sequence,
                                "its content was changed after it was written (hash mismatch)", null);
                    }
                    previous = e.hash;
                    expected++;
                }
                em.clear();
                if (page.size() < PAGE) {
                    break;
                }
            }
            ChainHeadEntity head = em.find(ChainHeadEntity.class, ChainHeadEntity.ID);
            long last = expected - 1;
            if (head != null && head.sequence != last) {
                return new ChainVerification(checked, last + 1, "entries " + (last + 1) + " to " + head.sequence
                        + " are missing: the trail ends at entry " + last + " but its head names entry "
                        + head.sequence, null);
            }
            if (head != null && !head.hash.equals(previous)) {
                return new ChainVerification(checked, last, "it does not match the chain head's hash", null);
            }
            return new ChainVerification(checked, -1, null, previous);
        });
    }
}
