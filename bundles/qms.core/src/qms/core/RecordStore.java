package qms.core;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import qms.model.EvidenceFile;
import qms.model.Link;
import qms.model.Record;

/**
 * The one way records are read and written. Every write runs in one transaction that also appends the audit-trail
 * entries for it; if anything fails, nothing of the call is written.
 * <p>
 * Records returned are detached copies. A loaded record remembers the version it was loaded at; saving it after
 * someone else saved the same record fails with a {@link ConflictException}. References of a loaded record point
 * at the referenced records loaded shallowly (their own references are proxies, see {@link Records#id}).
 */
public interface RecordStore extends AutoCloseable {

    /** The model this store was opened with. */
    ModelRegistry model();

    /** Records matching the query; references are left as proxies (cheap, for lists). */
    List<Record> list(Query query);

    /** Number of records matching the query's conditions. */
    long count(Query query);

    /**
     * Streams some values of the records matching the query, one row per record in the query's order, without
     * building the records: for reads too large to hold as records (statuses over a million backup log entries).
     * Attributes come as the model types them (enum literals, dates, numbers); single references as the referenced
     * record's id; the record's own id is {@code QmsPackage.Literals.RECORD__ID}; for a contained record (an
     * incident's task), the containment reference of its container ({@code INCIDENT__TASKS}) reads the id of the
     * record that contains it through that reference. Attributes (a list of enum literals too) and single
     * non-containment references can be read this way, not lists of references.
     * Paging (offset, limit) applies.
     */
    default void scan(Query query, List<? extends org.eclipse.emf.ecore.EStructuralFeature> features,
            java.util.function.Consumer<Object[]> row) {
        for (Record r : list(query)) {
            Object[] values = new Object[features.size()];
            for (int i = 0; i < values.length; i++) {
                Object v = r.eGet(features.get(i));
                values[i] = v instanceof Record ref ? Records.id(ref) : v;
            }
            row.accept(values);
        }
    }

    /**
     * Number of records of every stored type name that has any ({@link ModelRegistry#typeName}, one query), the
     * types of a module that is not installed included: their records stay in the store untouched.
     */
    java.util.Map<String, Long> countByTypeName();

    /** Number of records of every record class that has any (one query, e.g. for the navigator's groups). */
    default java.util.Map<org.eclipse.emf.ecore.EClass, Long> countByType() {
        return model().byInstalled(countByTypeName(), true).entrySet().stream().collect(java.util.stream.Collectors.toMap(
                e -> model().eClass(e.getKey()).orElseThrow(), java.util.Map.Entry::getValue));
    }

    /**
     * Number of records, by stored type name, whose type no contribution present defines: a module's records
     * kept after the module was uninstalled (they show again when it is installed).
     */
    default java.util.Map<String, Long> countNotInstalled() {
        return model().byInstalled(countByTypeName(), false);
    }

    /** The record with this id, with its references loaded one level deep. */
    Optional<Record> find(String id);

    /** Like {@link #find} but fails with {@link RecordNotFoundException}. */
    default Record get(String id) {
        return find(id).orElseThrow(() -> new RecordNotFoundException(id));
    }

    /**
     * Creates or updates the records (all or nothing), validating each against the model first. Contained
     * records (e.g. an organisation's sites) are saved with their container.
     *
     * @param reason why, recorded with every audit entry (may be null until a reason is required)
     * @throws ValidationException a record violates the model; nothing written
     * @throws ConflictException   a record was changed or deleted by someone else since it was loaded
     */
    void save(Collection<? extends Record> records, String reason);

    default void save(Record record, String reason) {
        save(List.of(record), reason);
    }

    /**
     * Deletes a record (and the records it contains).
     *
     * @param force also delete the links pointing at it and clear references to it (each audited); without it, a
     *              referenced record is not deleted and {@link ReferencedRecordException} names the referrers
     */
    void delete(Record record, String reason, boolean force);

    /** What points at the record: links and references, as human-readable descriptions. Empty if nothing. */
    List<String> referrers(String id);

    /**
     * The records whose references (single or many-valued, not links) point at the record, each with the reference,
     * loaded one level deep; empty if none. What the trace of a record shows as "what refers to it".
     */
    List<IncomingReference> incomingReferences(String id);

    /** Links of a record, in either or both directions, with both ends loaded. */
    List<Link> links(String recordId, LinkDirection direction);

    /**
     * Stores the evidence file's content, sets its size and SHA-256 (and capture time and user if unset) and saves
     * the record, all in one transaction.
     */
    void storeContent(EvidenceFile file, byte[] content, String reason);

    /**
     * The evidence file's content, after checking its SHA-256 against the one recorded.
     *
     * @throws IntegrityException the content does not match its recorded hash
     */
    byte[] readContent(String evidenceFileId);

    AuditTrail auditTrail();

    /** Sign-in, passwords and permissions. */
    Accounts accounts();

    /** Electronic signatures. */
    Signatures signatures();

    /** Backups of this store's own database and their restore tests. */
    StoreBackups backups();

    /**
     * Why changing the record needs a reason for the change, or empty if it does not: it is in a controlled state
     * (e.g. a Closed finding; see {@link Hints#CONTROLLED}) or signed. Saving or deleting it without a reason fails
     * with {@link ReasonRequiredException}.
     */
    Optional<String> reasonRequired(String recordId);

    /** Who the store attributes writes to now; null if nobody is signed in. */
    Principal principal();

    @Override
    void close();
}
