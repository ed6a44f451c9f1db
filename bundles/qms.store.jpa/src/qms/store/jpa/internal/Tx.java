package qms.store.jpa.internal;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.EntityManager;

/** One write transaction: the entity manager, the audit writer, and what to do once it committed. */
final class Tx {
    final EntityManager em;
    final AuditWriter audit;
    /** Who the transaction writes for. */
    final String user;
    final List<Runnable> afterCommit = new ArrayList<>();
    /** An account record was written: the cached roles must be looked up again. */
    boolean accountsChanged;

    Tx(EntityManager em, AuditWriter audit, String user) {
        this.em = em;
        this.audit = audit;
        this.user = user;
    }
}
