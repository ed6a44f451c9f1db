package qms.store.jpa.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import qms.core.AuditEntry;
import qms.core.AuditQuery;
import qms.core.AuditTrail;
import qms.core.ChainVerification;

/** Reads the audit trail and checks its hash chain. */
final class JpaAuditTrail implements AuditTrail {

    private static final int PAGE = 2000;

    /** Whole seconds in UTC, without the zone: a prefix of every stored time in that second. */
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

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
    public List<AuditEntry> search(AuditQuery query, int offset, int limit) {
        return read(em -> where(em, "SELECT a FROM AuditEntryEntity a", query, " ORDER BY a.sequence DESC",
                AuditEntryEntity.class, null).setFirstResult(offset).setMaxResults(limit).getResultList().stream()
                .map(AuditChain::toEntry).toList());
    }

    @Override
    public long count(AuditQuery query) {
        return read(em -> where(em, "SELECT COUNT(a) FROM AuditEntryEntity a", query, "", Long.class, null)
                .getSingleResult());
    }

    @Override
    public void forEach(AuditQuery query, Consumer<AuditEntry> each) {
        read(em -> {
            long after = 0;
            while (true) {
                List<AuditEntryEntity> page = where(em, "SELECT a FROM AuditEntryEntity a", query,
                        " ORDER BY a.sequence", AuditEntryEntity.class, after).setMaxResults(PAGE).getResultList();
                for (AuditEntryEntity e : page) {
                    each.accept(AuditChain.toEntry(e));
                    after = e.sequence;
                }
                em.clear();
                if (page.size() < PAGE) {
                    return null;
                }
            }
        });
    }

    @Override
    public List<String> users() {
        return read(em -> em.createQuery("SELECT DISTINCT a.user FROM AuditEntryEntity a ORDER BY a.user",
                String.class).getResultList());
    }

    @Override
    public void recordExport(String what) {
        qms.core.Principal p = store.principal();
        if (p == null) {
            throw new qms.core.AccessDeniedException("Nobody is signed in: the export was not recorded");
        }
        store.write(p.userId(), null, tx -> {
            tx.audit.append(null, null, null, qms.core.AuditAction.EXPORT, null, null, what);
            return null;
        });
    }

    @Override
    public void recordSystemEvent(String event) {
        qms.core.Principal p = store.principal();
        if (!store.accounts().isAdministrator(p)) {
            throw new qms.core.AccessDeniedException((p == null ? "Nobody is signed in" : p.userId()
                    + " is not an administrator") + ": the event was not recorded (" + event + ")");
        }
        store.write(p.userId(), null, tx -> {
            tx.audit.append(null, null, null, qms.core.AuditAction.SYSTEM, null, null, event);
            return null;
        });
    }

    /**
     * The query with the criteria as conditions. Times are stored as ISO-8601 text with or without milliseconds
     * ({@code ...:30Z} or {@code ...:30.120Z}); a bound of whole seconds without the zone ({@code ...:30}) is a
     * prefix of both, so comparing the text compares the instants.
     */
    private static <R> TypedQuery<R> where(EntityManager em, String select, AuditQuery q, String order,
            Class<R> result, Long afterSequence) {
        StringBuilder b = new StringBuilder(select).append(" WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (afterSequence != null) {
            b.append(" AND a.sequence > :after");
            params.put("after", afterSequence);
        }
        if (q.recordId() != null) {
            b.append(" AND a.recordId = :record");
            params.put("record", q.recordId());
        }
        if (q.user() != null) {
            b.append(" AND a.user = :user");
            params.put("user", q.user());
        }
        if (q.from() != null) {
            b.append(" AND a.at >= :from");
            params.put("from", SECOND.format(q.from()));
        }
        if (q.to() != null) {
            b.append(" AND a.at < :to");
            params.put("to", SECOND.format(q.to()));
        }
        if (q.module() != null) {
            b.append(" AND a.recordType LIKE :module");
            params.put("module", q.module().replace("%", "").replace("_", "") + ":%");
        }
        if (!q.actions().isEmpty()) {
            b.append(" AND a.action IN :actions");
            params.put("actions", q.actions().stream().map(Enum::name).toList());
        }
        TypedQuery<R> query = em.createQuery(b.append(order).toString(), result);
        params.forEach(query::setParameter);
        return query;
    }

    @Override
    public ChainVerification verify() {
        return read(em -> {
            jakarta.persistence.EntityTransaction tx = em.getTransaction();
            tx.begin(); // EclipseLink lends its connection inside a transaction only (and PostgreSQL streams in one)
            try (java.sql.PreparedStatement ps = em.unwrap(java.sql.Connection.class).prepareStatement(VERIFY)) {
                ps.setFetchSize(PAGE); // one statement, read as it is checked: a million entries are never all held
                return verify(ps);
            } catch (java.sql.SQLException e) {
                throw new qms.core.StoreException("Reading the audit trail failed: " + e.getMessage(), e);
            } finally {
                tx.rollback();
            }
        });
    }

    /** Every column an entry's hash covers, and the hash, in the chain's order. */
    static final String VERIFY = "SELECT SEQ, AT_UTC, USER_ID, RECORD_ID, RECORD_TYPE, RECORD_LABEL, ACTION,"
            + " ATTRIBUTE, OLD_VALUE, NEW_VALUE, REASON, PREV_HASH, HASH FROM SYS_AUDIT ORDER BY SEQ";

    private static ChainVerification verify(java.sql.PreparedStatement ps) throws java.sql.SQLException {
        long expected = 1;
        String previous = AuditChain.GENESIS;
        long checked = 0;
        try (java.sql.ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                checked++;
                long sequence = rs.getLong(1);
                if (sequence != expected) {
                    return new ChainVerification(checked, expected, "entry " + expected + " is missing (the next"
                            + " entry present is " + sequence + ")", null);
                }
                String previousHash = rs.getString(12);
                if (!previous.equals(previousHash)) {
                    return new ChainVerification(checked, sequence, "it does not link to entry " + (sequence - 1)
                            + " (one of the two was altered)", null);
                }
                String hash = rs.getString(13);
                if (!AuditChain.hash(sequence, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs
                        .getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs
                                .getString(11), previousHash).equals(hash)) {
                    return new ChainVerification(checked, sequence,
                            "its content was changed after it was written (hash mismatch)", null);
                }
                previous = hash;
                expected++;
            }
        }
        long last = expected - 1;
        try (java.sql.Statement s = ps.getConnection().createStatement(); java.sql.ResultSet head = s.executeQuery(
                "SELECT SEQ, HASH FROM SYS_AUDIT_HEAD")) {
            if (head.next()) {
                long headSequence = head.getLong(1);
                if (headSequence != last) {
                    return new ChainVerification(checked, last + 1, "entries " + (last + 1) + " to " + headSequence
                            + " are missing: the trail ends at entry " + last + " but its head names entry "
                            + headSequence, null);
                }
                if (!head.getString(2).equals(previous)) {
                    return new ChainVerification(checked, last, "it does not match the chain head's hash", null);
                }
            }
        }
        return new ChainVerification(checked, -1, null, previous);
    }
}
