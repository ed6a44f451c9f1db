package qms.store.jpa.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.persistence.dynamic.DynamicEntity;

import qms.core.AuditAction;
import qms.core.AuditTrail;
import qms.core.LinkDirection;
import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.StoreException;
import qms.core.Validation;
import qms.model.EvidenceFile;
import qms.model.Link;
import qms.model.Record;
import qms.store.jpa.internal.FeatureMapping.Kind;

/**
 * The store over EclipseLink: what a {@link RecordStore} offers, each part done by a class of its own — reading
 * ({@link RecordQueries}, {@link RecordReader}), writing ({@link RecordWriter} after {@link WriteRules}), deleting
 * ({@link RecordDeletion}), evidence content ({@link EvidenceContents}) — and the store's own life: its default
 * records, its system events, closing.
 */
final class JpaRecordStore implements RecordStore {

    private final Dialect dialect;
    private final EntityManagerFactory emf;
    private final Schema schema;
    private final ModelRegistry model;
    private final Supplier<Principal> principal;
    private final Runnable onClose;
    private final Object writeLock = new Object();
    private final JpaAuditTrail auditTrail;
    private final JpaAccounts accounts;
    private final JpaSignatures signatures;
    private final WriteRules rules;
    private final RecordWriter writer;
    private final RecordQueries queries;
    private final RecordDeletion deletion;
    private final EvidenceContents evidence;
    private volatile boolean closed;
    private OwnBackups backups;

    JpaRecordStore(Dialect dialect, EntityManagerFactory emf, Schema schema, ModelRegistry model,
            Supplier<Principal> principal, Runnable onClose) {
        this.dialect = dialect;
        this.emf = emf;
        this.schema = schema;
        this.model = model;
        this.principal = principal;
        this.onClose = onClose;
        this.auditTrail = new JpaAuditTrail(this);
        this.accounts = new JpaAccounts(this);
        this.signatures = new JpaSignatures(this);
        this.rules = new WriteRules(this);
        this.writer = new RecordWriter(this, rules);
        this.queries = new RecordQueries(this);
        this.deletion = new RecordDeletion(this, writer);
        this.evidence = new EvidenceContents(this, writer);
    }

    @Override
    public JpaAccounts accounts() {
        return accounts;
    }

    @Override
    public JpaSignatures signatures() {
        return signatures;
    }

    /** The database the store is on. */
    Dialect dialect() {
        return dialect;
    }

    Schema schema() {
        return schema;
    }

    void backups(OwnBackups b) {
        this.backups = b;
    }

    @Override
    public OwnBackups backups() {
        return backups;
    }

    /** Runs {@code work} while no write can start or be in progress (e.g. a consistent backup). */
    <T> T underWriteLock(java.util.function.Supplier<T> work) {
        checkOpen();
        synchronized (writeLock) {
            return work.get();
        }
    }

    /** The lock every write holds in this process (the audit trail's head row serialises them across processes). */
    Object writeLock() {
        return writeLock;
    }

    /** A new entity manager of the open store. */
    EntityManager entityManager() {
        checkOpen();
        return emf.createEntityManager();
    }

    @Override
    public ModelRegistry model() {
        return model;
    }

    @Override
    public Principal principal() {
        return principal.get();
    }

    /** The record with this id, read in the transaction's entity manager (references as proxies). */
    Record readIn(EntityManager em, String id) {
        return new RecordReader(this, em, 0).byId(id);
    }

    /** Records of a type whose attribute equals a value, read in the given entity manager. */
    List<Record> readWhere(EntityManager em, EClass type, EStructuralFeature feature, Object value) {
        TypeMapping t = schema.type(type);
        FeatureMapping f = t.feature(feature);
        RecordReader reader = new RecordReader(this, em, 0);
        return em.createQuery("SELECT e FROM " + t.alias + " e WHERE e." + f.property + " = :v", DynamicEntity.class)
                .setParameter("v", f.kind == Kind.ATTRIBUTE ? f.toColumn(value) : value).getResultList().stream()
                .map(e -> reader.record(t, e)).toList();
    }

    /** Saves records inside a transaction that checked its permissions itself. */
    void upsertIn(Tx tx, Record record) {
        Validation.check(record);
        rules.checkLengths(record);
        writer.upsert(tx, record, null, null, 0);
    }

    /** The values of a record as its creation is audited: the content a signature binds. */
    Map<String, String> contentOf(Record record) {
        return RecordWriter.values(schema.type(record.eClass()), record);
    }

    @Override
    public AuditTrail auditTrail() {
        return auditTrail;
    }

    // ------------------------------------------------------------------------------------------------ reading

    <T> T read(Function<EntityManager, T> work) {
        checkOpen();
        EntityManager em = emf.createEntityManager();
        try {
            return work.apply(em);
        } catch (PersistenceException e) {
            throw new StoreException("Reading from the database failed: " + rootMessage(e), e);
        } finally {
            em.close();
        }
    }

    @Override
    public List<Record> list(Query query) {
        return queries.list(query);
    }

    /**
     * Plain JDBC over the statement the mapping implies (table, columns, conditions): a million rows cost the
     * database's reading them, not an object per row and column in between (benchmark P3).
     */
    @Override
    public void scan(Query query, List<? extends EStructuralFeature> features, Consumer<Object[]> sink) {
        queries.scan(query, features, sink);
    }

    @Override
    public long count(Query query) {
        return queries.count(query);
    }

    @Override
    public Map<String, Long> countByTypeName() {
        return queries.countByTypeName();
    }

    @Override
    public Optional<Record> find(String id) {
        return queries.find(id);
    }

    @Override
    public List<Link> links(String recordId, LinkDirection direction) {
        return queries.links(recordId, direction);
    }

    @Override
    public List<String> referrers(String id) {
        return deletion.referrers(id);
    }

    @Override
    public List<qms.core.IncomingReference> incomingReferences(String id) {
        return deletion.incomingReferences(id);
    }

    @Override
    public Optional<String> reasonRequired(String recordId) {
        return rules.reasonRequired(recordId);
    }

    @Override
    public byte[] readContent(String evidenceFileId) {
        return evidence.readContent(evidenceFileId);
    }

    // ------------------------------------------------------------------------------------------------ writing

    @Override
    public void save(Collection<? extends Record> records, String reason) {
        writer.save(records, reason);
    }

    @Override
    public void delete(Record record, String reason, boolean force) {
        deletion.delete(record, reason, force);
    }

    @Override
    public void storeContent(EvidenceFile file, byte[] content, String reason) {
        evidence.storeContent(file, content, reason);
    }

    /** A write attributed to the signed-in user; permissions are the caller's business (see {@link #authorize}). */
    <T> T write(String reason, Function<Tx, T> work) {
        return writer.write(reason, work);
    }

    /**
     * One write transaction attributed to {@code user}, with no permission check: for the store's own entries
     * (sign-in events, schema changes) and for operations that checked permissions themselves.
     */
    <T> T write(String user, String reason, Function<Tx, T> work) {
        return writer.write(user, reason, work);
    }

    /**
     * Refuses a write of a record of a class the signed-in user's roles may not write, and audits the denial (in a
     * transaction of its own: the refused write itself is never started).
     */
    void authorize(String operation, Record record) {
        rules.authorize(operation, record);
    }

    /** Appends a DENIED entry about the record (or about nothing in particular) in its own transaction. */
    void denied(String user, Record record, String message) {
        rules.denied(user, record, message);
    }

    /** Why a stored record's change needs a reason (see {@link WriteRules#controlled}), or null. */
    String controlled(EntityManager em, TypeMapping t, DynamicEntity e) {
        return rules.controlled(em, t, e);
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    /**
     * Writes the contributions' default records (see {@link qms.core.ModelContribution#defaultRecords()}) that the
     * store has not had yet: each once, the first time the store opens with the contribution that brings it, unless a
     * record of its class with the same label exists already (a module's signature meaning among the core's); each is
     * remembered by class and label in the store's settings, so editing or deleting it afterwards is the users'
     * business. Attributed to the suite and audited.
     */
    void seedDefaults() {
        Map<EClass, List<Record>> defaults = model.defaultRecords();
        Map<EClass, List<Record>> due = read(em -> {
            Map<EClass, List<Record>> todo = new java.util.LinkedHashMap<>();
            defaults.forEach((c, records) -> records.stream().filter(r -> em.find(SettingEntity.class, defaultKey(c,
                    r)) == null).forEach(r -> todo.computeIfAbsent(c, k -> new ArrayList<>()).add(r)));
            return todo;
        });
        if (due.isEmpty()) {
            return;
        }
        write("system", null, tx -> {
            for (Map.Entry<EClass, List<Record>> d : due.entrySet()) {
                TypeMapping t = schema.type(d.getKey());
                Set<String> present = new HashSet<>();
                for (DynamicEntity e : tx.em.createQuery("SELECT e FROM " + t.alias + " e", DynamicEntity.class)
                        .getResultList()) {
                    present.add(rules.labelOf(t, e));
                }
                List<Record> added = new ArrayList<>();
                for (Record r : d.getValue()) {
                    if (present.add(Records.label(r))) {
                        upsertIn(tx, r);
                        added.add(r);
                    }
                    SettingEntity done = new SettingEntity();
                    done.name = defaultKey(d.getKey(), r);
                    done.value = Instant.now().toString();
                    tx.em.persist(done);
                }
                if (!added.isEmpty()) {
                    tx.audit.append(null, null, null, AuditAction.SYSTEM, null, null, "The suite's " + added.size()
                            + " default record" + (added.size() == 1 ? "" : "s") + " of " + Validation.typeLabel(d
                                    .getKey()) + " were added: " + String.join(", ", added.stream().map(Records::label)
                                            .toList()));
                }
            }
            return null;
        });
    }

    /** The setting that remembers a default record was written (or found): class and label, within 128 characters. */
    private static String defaultKey(EClass c, Record r) {
        String key = SettingEntity.DEFAULTS + ModelRegistry.typeName(c) + "/" + Records.label(r);
        return key.length() <= 128 ? key : key.substring(0, 64) + "#" + AuditChain.sha256(key.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)).substring(0, 63);
    }

    /** Appends SYSTEM entries (e.g. the schema was extended) in a transaction of their own. */
    void auditSystemEvents(List<String> events) {
        if (events.isEmpty()) {
            return;
        }
        Principal p = principal.get();
        write(p == null ? "system" : p.userId(), null, tx -> {
            for (String event : new LinkedHashSet<>(events)) {
                tx.audit.append(null, null, null, AuditAction.SYSTEM, null, null, event);
            }
            return null;
        });
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreException("The store is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            emf.close();
            onClose.run();
        }
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
