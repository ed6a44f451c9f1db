package qms.store.jpa.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;

import org.eclipse.emf.common.util.EList;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EEnum;
import org.eclipse.emf.ecore.EEnumLiteral;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.persistence.dynamic.DynamicEntity;

import qms.core.AccessDeniedException;
import qms.core.AuditAction;
import qms.core.AuditTrail;
import qms.core.ConflictException;
import qms.core.IntegrityException;
import qms.core.LinkDirection;
import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.Query;
import qms.core.RecordNotFoundException;
import qms.core.RecordStore;
import qms.core.ReasonRequiredException;
import qms.core.Records;
import qms.core.ReferencedRecordException;
import qms.core.StoreException;
import qms.core.Validation;
import qms.model.EvidenceFile;
import qms.model.Link;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.store.jpa.internal.FeatureMapping.Kind;

/**
 * The store over EclipseLink. Each write is one transaction: it first locks the audit trail's head (serialising
 * writers), then writes records and their audit entries; an exception anywhere rolls all of it back.
 */
final class JpaRecordStore implements RecordStore {

    private final EntityManagerFactory emf;
    private final Schema schema;
    private final ModelRegistry model;
    private final Supplier<Principal> principal;
    private final Runnable onClose;
    private final Object writeLock = new Object();
    private final JpaAuditTrail auditTrail;
    private final JpaAccounts accounts;
    private final JpaSignatures signatures;
    private volatile boolean closed;
    private DerbyBackups backups;

    JpaRecordStore(EntityManagerFactory emf, Schema schema, ModelRegistry model, Supplier<Principal> principal,
            Runnable onClose) {
        this.emf = emf;
        this.schema = schema;
        this.model = model;
        this.principal = principal;
        this.onClose = onClose;
        this.auditTrail = new JpaAuditTrail(this);
        this.accounts = new JpaAccounts(this);
        this.signatures = new JpaSignatures(this);
    }

    @Override
    public JpaAccounts accounts() {
        return accounts;
    }

    @Override
    public JpaSignatures signatures() {
        return signatures;
    }

    Schema schema() {
        return schema;
    }

    void backups(DerbyBackups b) {
        this.backups = b;
    }

    @Override
    public DerbyBackups backups() {
        return backups;
    }

    /** Runs {@code work} while no write can start or be in progress (e.g. a consistent backup). */
    <T> T underWriteLock(java.util.function.Supplier<T> work) {
        checkOpen();
        synchronized (writeLock) {
            return work.get();
        }
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
        return new Reader(em, 0).byId(id);
    }

    /** Records of a type whose attribute equals a value, read in the given entity manager. */
    List<Record> readWhere(EntityManager em, EClass type, EStructuralFeature feature, Object value) {
        TypeMapping t = schema.type(type);
        FeatureMapping f = t.feature(feature);
        Reader reader = new Reader(em, 0);
        return em.createQuery("SELECT e FROM " + t.alias + " e WHERE e." + f.property + " = :v", DynamicEntity.class)
                .setParameter("v", f.kind == Kind.ATTRIBUTE ? f.toColumn(value) : value).getResultList().stream()
                .map(e -> reader.record(t, e)).toList();
    }

    /** Saves records inside a transaction that checked its permissions itself. */
    void upsertIn(Tx tx, Record record) {
        Validation.check(record);
        checkLengths(record);
        upsert(tx, record, null, null, 0);
    }

    /** The values of a record as its creation is audited: the content a signature binds. */
    Map<String, String> contentOf(Record record) {
        return values(schema.type(record.eClass()), record);
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
        TypeMapping t = schema.type(query.type());
        return read(em -> {
            TypedQuery<DynamicEntity> q = jpql(em, t, query, "SELECT e FROM " + t.alias + " e", DynamicEntity.class);
            if (query.offset() > 0) {
                q.setFirstResult(query.offset());
            }
            if (query.limit() < Integer.MAX_VALUE) {
                q.setMaxResults(query.limit());
            }
            Reader reader = new Reader(em, 0);
            List<DynamicEntity> entities = q.getResultList();
            reader.prefetchChildren(t, entities);
            return entities.stream().map(e -> reader.record(t, e)).toList();
        });
    }

    /**
     * Plain JDBC over the statement the mapping implies (table, columns, conditions): a million rows cost the
     * database's reading them, not an object per row and column in between (benchmark P3).
     */
    @Override
    public void scan(Query query, List<? extends EStructuralFeature> features, Consumer<Object[]> sink) {
        TypeMapping t = schema.type(query.type());
        List<FeatureMapping> fs = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ID");
        List<Boolean> owner = new ArrayList<>();
        for (EStructuralFeature f : features) {
            if (f == QmsPackage.Literals.RECORD__ID) {
                fs.add(null); // the id is selected anyway
                owner.add(false);
                continue;
            }
            if (f instanceof EReference r && r.isContainment() && t.containable && r.getEReferenceType()
                    .isSuperTypeOf(query.type())) {
                fs.add(null); // the record that contains this one through r: its owner column
                owner.add(true);
                sql.append(", CASE WHEN OWNER_FEATURE = '").append(r.getName()).append("' THEN OWNER_ID END");
                continue;
            }
            FeatureMapping m = t.feature(f);
            if (m == null || m.property == null || f instanceof EReference && f.isMany()) {
                throw new IllegalArgumentException(f.getName() + " of " + query.type().getName() + " cannot be"
                        + " scanned: only attributes, single references and the containment holding it can");
            }
            fs.add(m);
            owner.add(false);
            sql.append(", ").append(m.column);
        }
        sql.append(" FROM ").append(t.table);
        List<Object> params = new ArrayList<>();
        conditions(t, query, sql, params, m -> m.column, i -> "?", true);
        if (query.offset() > 0) {
            sql.append(" OFFSET ").append(query.offset()).append(" ROWS");
        }
        if (query.limit() < Integer.MAX_VALUE) {
            sql.append(" FETCH NEXT ").append(query.limit()).append(" ROWS ONLY");
        }
        read(em -> {
            EntityTransaction tx = em.getTransaction();
            tx.begin(); // EclipseLink lends its connection inside a transaction only
            try (java.sql.PreparedStatement ps = em.unwrap(java.sql.Connection.class).prepareStatement(
                    sql.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                ps.setFetchSize(1000); // rows are read as they are consumed, never all held at once
                java.util.Calendar utc = new java.util.GregorianCalendar(java.util.TimeZone.getTimeZone(
                        java.time.ZoneOffset.UTC));
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Object[] values = new Object[fs.size()];
                        for (int i = 0, column = 2; i < values.length; i++) {
                            FeatureMapping f = fs.get(i);
                            values[i] = owner.get(i) ? rs.getString(column++) : f == null ? rs.getString(1)
                                    : f.kind == FeatureMapping.Kind.REFERENCE ? rs.getString(column++) : f.readValue(
                                            rs, column++, utc);
                        }
                        sink.accept(values);
                    }
                }
            } catch (java.sql.SQLException e) {
                throw new StoreException("Reading " + query.type().getName() + " from the database failed: "
                        + e.getMessage(), e);
            } finally {
                tx.rollback();
            }
            return null;
        });
    }

    @Override
    public long count(Query query) {
        TypeMapping t = schema.type(query.type());
        return read(em -> jpql(em, t, query, "SELECT COUNT(e) FROM " + t.alias + " e", Long.class).getSingleResult());
    }

    @Override
    public Map<EClass, Long> countByType() {
        return read(em -> {
            Map<EClass, Long> counts = new HashMap<>();
            for (Object[] row : em.createQuery("SELECT r.typeName, COUNT(r) FROM RecordIndexEntity r"
                    + " GROUP BY r.typeName", Object[].class).getResultList()) {
                model.eClass((String) row[0]).ifPresent(c -> counts.put(c, ((Number) row[1]).longValue()));
            }
            return counts;
        });
    }

    private static <R> TypedQuery<R> jpql(EntityManager em, TypeMapping t, Query query, String select,
            Class<R> result) {
        StringBuilder b = new StringBuilder(select);
        List<Object> params = new ArrayList<>();
        conditions(t, query, b, params, f -> "e." + f.property, i -> ":p" + i, !select.startsWith("SELECT COUNT"));
        TypedQuery<R> q = em.createQuery(b.toString(), result);
        for (int i = 0; i < params.size(); i++) {
            q.setParameter("p" + i, params.get(i));
        }
        return q;
    }

    /**
     * Appends a query's conditions and order to a JPQL or SQL statement, the parameters' column values to
     * {@code params}.
     *
     * @param name        how the statement names a feature's value
     * @param placeholder how it names the i-th parameter
     * @param ordered     whether to append the query's order
     */
    private static void conditions(TypeMapping t, Query query, StringBuilder b, List<Object> params,
            Function<FeatureMapping, String> name, java.util.function.IntFunction<String> placeholder,
            boolean ordered) {
        String sep = " WHERE ";
        for (Query.Condition c : query.conditions()) {
            FeatureMapping f = t.feature(c.attribute());
            String p = name.apply(f);
            b.append(sep);
            sep = " AND ";
            switch (c.op()) {
            case IS_NULL -> b.append(p).append(" IS NULL");
            case LIKE -> {
                b.append("LOWER(").append(p).append(") LIKE ").append(placeholder.apply(params.size()));
                params.add(String.valueOf(c.value()).toLowerCase(java.util.Locale.ROOT));
            }
            default -> {
                String op = switch (c.op()) {
                case EQUALS -> " = ";
                case NOT_EQUALS -> " <> ";
                case AT_LEAST -> " >= ";
                case AT_MOST -> " <= ";
                case BELOW -> " < ";
                default -> throw new IllegalStateException();
                };
                b.append(p).append(op).append(placeholder.apply(params.size()));
                params.add(f.toColumn(c.value()));
            }
            }
        }
        if (ordered && query.orderBy() != null) {
            FeatureMapping f = t.feature(query.orderBy());
            String key = name.apply(f);
            b.append(" ORDER BY ").append(f.columnType == String.class ? "LOWER(" + key + ")" : key)
                    .append(query.descending() ? " DESC" : " ASC");
        }
    }

    @Override
    public Optional<Record> find(String id) {
        return read(em -> Optional.ofNullable(new Reader(em, 1).byId(id)));
    }

    @Override
    public List<Link> links(String recordId, LinkDirection direction) {
        TypeMapping t = schema.type(QmsPackage.Literals.LINK);
        FeatureMapping source = t.feature(QmsPackage.Literals.LINK__SOURCE);
        FeatureMapping target = t.feature(QmsPackage.Literals.LINK__TARGET);
        List<FeatureMapping[]> ends = switch (direction) { // {the record's end, the other end}
        case OUTGOING -> List.<FeatureMapping[]>of(new FeatureMapping[] { source, target });
        case INCOMING -> List.<FeatureMapping[]>of(new FeatureMapping[] { target, source });
        case BOTH -> List.of(new FeatureMapping[] { source, target }, new FeatureMapping[] { target, source });
        };
        return read(em -> {
            EntityTransaction tx = em.getTransaction();
            tx.begin(); // EclipseLink lends its connection inside a transaction only
            try {
                return new Reader(em, 1).links(t, recordId, ends);
            } catch (java.sql.SQLException e) {
                throw new StoreException("Reading the links of record " + recordId + " from the database failed: "
                        + e.getMessage(), e);
            } finally {
                tx.rollback();
            }
        });
    }

    /** The single-valued features of a type, in the order {@link #selectRow} selects their columns. */
    private static List<FeatureMapping> rowColumns(TypeMapping t) {
        return t.features.stream().filter(f -> f.kind == Kind.ATTRIBUTE || f.kind == Kind.REFERENCE).toList();
    }

    /**
     * One statement over each pair of link ends ({the record's end, the other end}): the branches {@code branch}
     * writes from the two columns, joined by UNION ALL, each with one parameter, the record's id.
     */
    private static String perEnd(List<FeatureMapping[]> ends,
            java.util.function.BinaryOperator<String> branch) {
        return String.join(" UNION ALL ", ends.stream().map(end -> branch.apply(end[0].column, end[1].column))
                .toList());
    }

    /** "SELECT a.ID, a.VERSION, a.&lt;column&gt;, ..." of a type's row, columns as {@link #rowColumns}. */
    private static StringBuilder selectRow(TypeMapping t, String alias) {
        StringBuilder b = new StringBuilder("SELECT ").append(alias).append(".ID, ").append(alias).append(".VERSION");
        rowColumns(t).forEach(f -> b.append(", ").append(alias).append('.').append(f.column));
        return b;
    }

    /**
     * A row selected by {@link #selectRow}: its id, version and column values (attributes typed as EclipseLink
     * reads them, references as ids), read from the result set's current row.
     */
    private record Row(String id, long version, Map<FeatureMapping, Object> values) {

        static Row read(java.sql.ResultSet rs, List<FeatureMapping> columns) throws java.sql.SQLException {
            Map<FeatureMapping, Object> values = new java.util.IdentityHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                FeatureMapping f = columns.get(i);
                values.put(f, f.kind == Kind.REFERENCE ? rs.getString(i + 3) : f.read(rs, i + 3));
            }
            return new Row(rs.getString(1), rs.getLong(2), values);
        }
    }

    /** Turns entities into records; references are loaded {@code depth} levels deep, proxies below that. */
    private final class Reader {
        private final EntityManager em;
        private final int depth;
        private final Map<String, Record> loaded = new HashMap<>();
        /** Contained entities read ahead for many owners at once: owner id, then containment name, to entities. */
        private final Map<String, Map<String, List<DynamicEntity>>> prefetched = new HashMap<>();
        /** The owners whose contained records (of every containment) are in {@link #prefetched}. */
        private final Set<String> prefetchedOwners = new HashSet<>();
        /** Multi-valued references read ahead: owner id, then feature name, to the targets by position. */
        private final Map<String, Map<String, java.util.SortedMap<Integer, String>>> references = new HashMap<>();
        /** The owners whose multi-valued references (all of them) are in {@link #references}. */
        private final Set<String> referencesRead = new HashSet<>();

        Reader(EntityManager em, int depth) {
            this.em = em;
            this.depth = depth;
        }

        Record byId(String id) {
            RecordIndexEntity index = em.find(RecordIndexEntity.class, id);
            if (index == null) {
                return null;
            }
            TypeMapping t = typeOf(index);
            DynamicEntity e = (DynamicEntity) em.find(t.javaClass(), id);
            return e == null ? null : record(t, e);
        }

        Record record(TypeMapping t, DynamicEntity e) {
            return record(t, e, depth);
        }

        /**
         * The links whose {@code near} end is the record (for each pair of ends), and the records at their other ends
         * loaded as references one level down are. Plain JDBC, as few statements as the links' other ends have types:
         * one for the links with the type of the record at their other end, one per type found there (each a join
         * following the link table's index: Derby compares each row with an {@code IN} list instead), and for the
         * types that have them one for those records' multi-valued references and one per containment. Objects per
         * row only for the records themselves: a thousand links cost little more than the database reading them.
         */
        List<Link> links(TypeMapping link, String id, List<FeatureMapping[]> ends) throws java.sql.SQLException {
            java.sql.Connection c = em.unwrap(java.sql.Connection.class);
            List<FeatureMapping> linkColumns = rowColumns(link);
            String sql = perEnd(ends, (near, far) -> selectRow(link, "l") + ", r.TYPE_NAME FROM " + link.table
                    + " l LEFT JOIN SYS_RECORD r ON r.ID = l." + far + " WHERE l." + near + " = ?");
            Map<String, Row> rows = new LinkedHashMap<>();
            Set<TypeMapping> farTypes = new java.util.LinkedHashSet<>();
            query(c, sql, ends.size(), id, rs -> {
                rows.putIfAbsent(rs.getString(1), Row.read(rs, linkColumns));
                String type = rs.getString(linkColumns.size() + 3);
                TypeMapping t = type == null ? null : model.eClass(type).map(schema::typeOrNull).orElse(null);
                if (t != null) { // a type no installed module provides is named when the link is made a record
                    farTypes.add(t);
                }
            });
            if (rows.isEmpty()) {
                return List.of();
            }
            reference(id, (EReference) ends.get(0)[0].feature, depth); // the record's own end
            if (depth >= 1) {
                for (TypeMapping t : farTypes) {
                    readLinkEnds(c, link, t, id, ends);
                }
            }
            return rows.values().stream().map(r -> (Link) record(link, r, depth)).toList();
        }

        /** The records of one type at the other end of the record's links, into {@link #loaded}. */
        private void readLinkEnds(java.sql.Connection c, TypeMapping link, TypeMapping t, String id,
                List<FeatureMapping[]> ends) throws java.sql.SQLException {
            List<FeatureMapping> columns = rowColumns(t);
            List<Row> found = new ArrayList<>();
            query(c, perEnd(ends, (near, far) -> selectRow(t, "e") + " FROM " + t.table + " e JOIN " + link.table
                    + " l ON e.ID = l." + far + " WHERE l." + near + " = ?"), ends.size(), id, rs -> found.add(Row
                            .read(rs, columns)));
            Set<String> ids = new LinkedHashSet<>();
            found.forEach(r -> ids.add(r.id()));
            if (t.features.stream().anyMatch(f -> f.kind == Kind.REFERENCES)) {
                readReferences(c, link, id, ends, ids);
            }
            if (t.features.stream().anyMatch(f -> f.kind == Kind.CONTAINMENT)) {
                prefetchLinkedChildren(link, t, ids, ends, id);
            }
            for (Row r : found) {
                if (!loaded.containsKey(r.id())) {
                    loaded.put(r.id(), record(t, r, depth - 1));
                }
            }
        }

        /** The multi-valued references of the records at the other ends of the record's links. */
        private void readReferences(java.sql.Connection c, TypeMapping link, String id, List<FeatureMapping[]> ends,
                Set<String> owners) throws java.sql.SQLException {
            if (referencesRead.containsAll(owners)) {
                return;
            }
            String sql = perEnd(ends, (near, far) -> "SELECT r.OWNER_ID, r.FEATURE, r.POS, r.TARGET_ID FROM"
                    + " SYS_REFERENCE r JOIN " + link.table + " l ON r.OWNER_ID = l." + far + " WHERE l." + near
                    + " = ?");
            query(c, sql, ends.size(), id, rs -> references.computeIfAbsent(rs.getString(1),
                    k -> new HashMap<>()).computeIfAbsent(rs.getString(2), k -> new java.util.TreeMap<>()).put(rs
                            .getInt(3), rs.getString(4))); // a record linked twice comes twice: the same positions
            referencesRead.addAll(owners);
        }

        private Record record(TypeMapping t, DynamicEntity e, int level) {
            return record(t, e.get(TypeMapping.ID), ((Number) e.get(TypeMapping.VERSION)).longValue(),
                    f -> e.get(f.property), level);
        }

        private Record record(TypeMapping t, Row row, int level) {
            return record(t, row.id(), row.version(), row.values()::get, level);
        }

        /** A record from its stored values: {@code column} gives a single-valued feature's column value. */
        private Record record(TypeMapping t, String id, long version, Function<FeatureMapping, Object> column,
                int level) {
            Record r = (Record) EcoreUtil.create(t.eClass);
            r.setId(id);
            for (FeatureMapping f : t.features) {
                switch (f.kind) {
                case ATTRIBUTE -> {
                    Object v = column.apply(f);
                    if (v != null) {
                        r.eSet(f.feature, f.fromColumn(v));
                    }
                }
                case REFERENCE -> {
                    String target = (String) column.apply(f);
                    if (target != null) {
                        Record ref = reference(target, (EReference) f.feature, level);
                        if (ref != null) {
                            r.eSet(f.feature, ref);
                        }
                    }
                }
                case REFERENCES -> {
                    @SuppressWarnings("unchecked")
                    EList<EObject> list = (EList<EObject>) r.eGet(f.feature);
                    for (String target : references(id, f.feature.getName())) {
                        Record ref = reference(target, (EReference) f.feature, level);
                        if (ref != null) {
                            list.add(ref);
                        }
                    }
                }
                case CONTAINMENT -> {
                    @SuppressWarnings("unchecked")
                    EList<EObject> list = (EList<EObject>) r.eGet(f.feature);
                    List<Record> children = children(r.getId(), (EReference) f.feature, level);
                    if (f.feature.isMany()) {
                        list.addAll(children);
                    } else if (!children.isEmpty()) {
                        r.eSet(f.feature, children.get(0));
                    }
                }
                }
            }
            LoadedState.set(r, version);
            return r;
        }

        /** The targets of an owner's multi-valued reference, in order: read ahead, or read now. */
        private java.util.Collection<String> references(String owner, String feature) {
            return referencesRead.contains(owner) ? references.getOrDefault(owner, Map.of()).getOrDefault(feature,
                    java.util.Collections.emptySortedMap()).values() : referenceRows(em, owner, feature);
        }

        /**
         * Reads the contained records of many owners of one type with one query per containment and contained type
         * (and a thousand owners), instead of one per owner: listing 500 backup policies with their copies.
         */
        void prefetchChildren(TypeMapping owner, List<DynamicEntity> owners) {
            if (owners.size() < 2) {
                return;
            }
            List<String> ids = owners.stream().map(e -> (String) e.get(TypeMapping.ID)).toList();
            Set<Object> seen = new HashSet<>();
            childTables(owner, (containment, ct) -> {
                for (int from = 0; from < ids.size(); from += 1000) {
                    keep(containment, ct, seen, em.createQuery("SELECT e FROM " + ct.alias + " e WHERE e."
                            + TypeMapping.OWNER_ID + " IN :o AND e." + TypeMapping.OWNER_FEATURE + " = :f",
                            DynamicEntity.class).setParameter("o", ids.subList(from, Math.min(ids.size(), from
                                    + 1000))).setParameter("f", containment.getName()).getResultList());
                }
            });
            prefetchedOwners.addAll(ids);
        }

        /**
         * Reads the contained records of the records ({@code owners}, of one type) at the other ends of the record's
         * links: a query per containment and contained type, each a join from the links.
         */
        private void prefetchLinkedChildren(TypeMapping link, TypeMapping owner, Set<String> owners,
                List<FeatureMapping[]> ends, String id) {
            Set<Object> seen = new HashSet<>(); // a record linked twice comes twice
            childTables(owner, (containment, ct) -> {
                for (FeatureMapping[] end : ends) {
                    keep(containment, ct, seen, em.createQuery("SELECT e FROM " + ct.alias + " e, " + link.alias
                            + " l WHERE l." + end[0].property + " = :id AND e." + TypeMapping.OWNER_ID + " = l."
                            + end[1].property + " AND e." + TypeMapping.OWNER_FEATURE + " = :f", DynamicEntity.class)
                            .setParameter("id", id).setParameter("f", containment.getName()).getResultList());
                }
            });
            prefetchedOwners.addAll(owners);
        }

        /** Each containment of a type with each type of record it can contain. */
        private void childTables(TypeMapping owner, java.util.function.BiConsumer<EReference, TypeMapping> each) {
            for (FeatureMapping f : owner.features) {
                if (f.kind == FeatureMapping.Kind.CONTAINMENT) {
                    for (TypeMapping ct : schema.all()) {
                        if (ct.containable && ((EReference) f.feature).getEReferenceType().isSuperTypeOf(ct.eClass)) {
                            each.accept((EReference) f.feature, ct);
                        }
                    }
                }
            }
        }

        private void keep(EReference containment, TypeMapping ct, Set<Object> seen, List<DynamicEntity> children) {
            for (DynamicEntity c : children) {
                if (seen.add(c.get(TypeMapping.ID))) {
                    prefetched.computeIfAbsent(c.get(TypeMapping.OWNER_ID), k -> new HashMap<>()).computeIfAbsent(
                            containment.getName() + "#" + ct.alias, k -> new ArrayList<>()).add(c);
                }
            }
        }

        private List<Record> children(String ownerId, EReference containment, int level) {
            List<Object[]> found = new ArrayList<>();
            for (TypeMapping ct : schema.all()) {
                if (ct.containable && containment.getEReferenceType().isSuperTypeOf(ct.eClass)) {
                    List<DynamicEntity> entities = prefetchedOwners.contains(ownerId) ? prefetched
                            .getOrDefault(ownerId, Map.of()).getOrDefault(containment.getName() + "#"
                                    + ct.alias, List.of())
                            : em.createQuery("SELECT e FROM " + ct.alias + " e WHERE e." + TypeMapping.OWNER_ID
                                    + " = :o AND e." + TypeMapping.OWNER_FEATURE + " = :f", DynamicEntity.class)
                                    .setParameter("o", ownerId).setParameter("f", containment.getName())
                                    .getResultList();
                    for (DynamicEntity c : entities) {
                        found.add(new Object[] { c.get(TypeMapping.OWNER_POS), record(ct, c, level) });
                    }
                }
            }
            found.sort((a, b) -> Integer.compare(a[0] == null ? 0 : (Integer) a[0], b[0] == null ? 0 : (Integer) b[0]));
            return found.stream().map(a -> (Record) a[1]).toList();
        }

        private Record reference(String id, EReference ref, int level) {
            if (level > 0) {
                Record r = loaded.get(id);
                if (r == null) {
                    RecordIndexEntity index = em.find(RecordIndexEntity.class, id);
                    TypeMapping t = index == null ? null : typeOf(index);
                    DynamicEntity e = t == null ? null : (DynamicEntity) em.find(t.javaClass(), id);
                    if (e == null) {
                        return null; // dangling: the record was deleted without its referrers (not via this store)
                    }
                    r = record(t, e, level - 1);
                    loaded.put(id, r);
                }
                return r;
            }
            EClass type = ref.getEReferenceType();
            if (type.isAbstract()) {
                RecordIndexEntity index = em.find(RecordIndexEntity.class, id);
                Optional<EClass> actual = index == null ? Optional.empty() : model.eClass(index.typeName);
                if (actual.isEmpty()) {
                    return null;
                }
                type = actual.get();
            }
            return Records.proxy(type, id);
        }

        private TypeMapping typeOf(RecordIndexEntity index) {
            return model.eClass(index.typeName).map(schema::typeOrNull)
                    .orElseThrow(() -> new StoreException("Record " + index.id + " is of type " + index.typeName
                            + ", which no installed module provides"));
        }
    }

    private interface RowReader {
        void read(java.sql.ResultSet rs) throws java.sql.SQLException;
    }

    /** Runs a statement whose {@code parameters} parameters are all {@code id}, giving {@code row} each row. */
    private static void query(java.sql.Connection c, String sql, int parameters, String id, RowReader row)
            throws java.sql.SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 1; i <= parameters; i++) {
                ps.setString(i, id);
            }
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        }
    }

    private static List<String> referenceRows(EntityManager em, String ownerId, String feature) {
        return em.createQuery("SELECT r.targetId FROM ReferenceEntity r WHERE r.ownerId = :o AND r.feature = :f"
                + " ORDER BY r.position", String.class).setParameter("o", ownerId).setParameter("f", feature)
                .getResultList();
    }

    // ------------------------------------------------------------------------------------------------ writing

    /** One write transaction: the entity manager, the audit writer, and what to do once it committed. */
    static final class Tx {
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

    /** A write attributed to the signed-in user; permissions are the caller's business (see {@link #authorize}). */
    private <T> T write(String reason, Function<Tx, T> work) {
        Principal p = principal.get();
        if (p == null) {
            throw new AccessDeniedException("Nobody is signed in: nothing was written");
        }
        return write(p.userId(), reason, work);
    }

    /**
     * One write transaction attributed to {@code user}, with no permission check: for the store's own entries
     * (sign-in events, schema changes) and for operations that checked permissions themselves.
     */
    <T> T write(String user, String reason, Function<Tx, T> work) {
        checkOpen();
        synchronized (writeLock) {
            EntityManager em = emf.createEntityManager();
            EntityTransaction tx = em.getTransaction();
            try {
                tx.begin();
                Tx t = new Tx(em, new AuditWriter(em, user, reason), user);
                T result = work.apply(t);
                em.flush();
                tx.commit();
                if (t.accountsChanged) {
                    accounts.forgetRoles();
                }
                t.afterCommit.forEach(Runnable::run);
                return result;
            } catch (StoreException e) {
                throw e;
            } catch (OptimisticLockException e) {
                throw new ConflictException(null, "A record was changed by someone else while you saved."
                        + " Nothing was saved; reload and apply your change again.");
            } catch (PersistenceException e) {
                if (e.getCause() instanceof OptimisticLockException) {
                    throw new ConflictException(null, "A record was changed by someone else while you saved."
                            + " Nothing was saved; reload and apply your change again.");
                }
                if (isDuplicateKey(e)) {
                    throw new StoreException("A record with the same id already exists: it was saved before, or"
                            + " someone else created it. Nothing was saved. (" + rootMessage(e) + ")", e);
                }
                throw new StoreException("The database refused the change; nothing was saved: " + rootMessage(e), e);
            } finally {
                if (tx.isActive()) {
                    tx.rollback();
                }
                em.close();
            }
        }
    }

    @Override
    public void save(Collection<? extends Record> records, String reason) {
        // who may write comes first: a refused user learns nothing about what else is wrong
        if (!accounts.anyAccount()) {
            accounts.checkBootstrap(records);
        } else {
            for (Record r : records) {
                authorize("save", r);
                r.eAllContents().forEachRemaining(child -> authorize("save", (Record) child));
            }
        }
        for (Record r : records) {
            Validation.check(r);
            checkLengths(r);
            checkLinkType(r);
        }
        checkChangeRules(records);
        write(reason, tx -> {
            for (Record r : records) {
                upsert(tx, r, null, null, 0);
            }
            return null;
        });
    }

    /**
     * The modules' rules on how stored records change ({@link qms.core.ChangeRule}), checked against each record as
     * it is stored now, before anything of the batch is written.
     */
    private void checkChangeRules(Collection<? extends Record> records) {
        for (Record r : records) {
            List<qms.core.ChangeRule> rules = model.changeRules(r.eClass());
            boolean isNew = LoadedState.of(r) == null;
            Record stored = rules.isEmpty() || isNew ? null : find(r.getId()).orElse(null);
            for (qms.core.ChangeRule rule : rules) {
                String why = isNew ? rule.whyNotNew(this, r, records) : stored == null ? null : rule.whyNot(this,
                        stored, r, records);
                if (why != null) {
                    throw new qms.core.ChangeRefusedException(why + ". Nothing was saved.");
                }
            }
        }
    }

    private void checkLengths(Record record) {
        TypeMapping t = schema.type(record.eClass());
        for (FeatureMapping f : t.features) {
            if (f.kind == Kind.ATTRIBUTE && f.columnType == String.class
                    && f.toColumn(record.eGet(f.feature)) instanceof String v && v.length() > f.length) {
                throw Validation.failure(record, f.feature,
                        "is " + v.length() + " characters long; at most " + f.length + " can be stored");
            }
        }
        record.eContents().forEach(child -> checkLengths((Record) child));
    }

    /** A link's type must be one an installed module contributes (the core's, or a module's). */
    private void checkLinkType(Record record) {
        if (record instanceof Link link && model.linkType(link.getType()).isEmpty()) {
            throw Validation.failure(record, QmsPackage.Literals.LINK__TYPE, "'" + link.getType()
                    + "' is not a known link type (known: " + String.join(", ", model.linkTypes().stream()
                            .map(qms.core.LinkType::id).toList()) + ")");
        }
    }

    /**
     * Refuses a write of a record of a class the signed-in user's roles may not write, and audits the denial (in a
     * transaction of its own: the refused write itself is never started).
     */
    void authorize(String operation, Record record) {
        Principal p = principal.get();
        String what = operation + " " + Validation.describe(record);
        if (p == null) {
            throw new AccessDeniedException("Nobody is signed in: " + what + " was refused");
        }
        if (!accounts.mayWrite(p.userId(), record.eClass())) {
            String roles = accounts.roles(p.userId()).stream().map(Object::toString).sorted()
                    .collect(java.util.stream.Collectors.joining(", "));
            String message = p.userId() + " (" + (roles.isEmpty() ? "no role" : roles) + ") may not " + what
                    + ": " + Validation.typeLabel(record.eClass()) + " records are written by "
                    + accounts.writersText(record.eClass()) + ". Nothing was written.";
            denied(p.userId(), record, message);
            throw new AccessDeniedException(message);
        }
    }

    /** Appends a DENIED entry about the record (or about nothing in particular) in its own transaction. */
    void denied(String user, Record record, String message) {
        write(user, null, tx -> {
            tx.audit.append(record == null ? null : record.getId(),
                    record == null ? null : ModelRegistry.typeName(record.eClass()),
                    record == null ? null : Records.label(record), AuditAction.DENIED, null, null, message);
            return null;
        });
    }

    @Override
    public Optional<String> reasonRequired(String recordId) {
        return read(em -> {
            RecordIndexEntity index = em.find(RecordIndexEntity.class, recordId);
            TypeMapping t = index == null ? null : model.eClass(index.typeName).map(schema::typeOrNull).orElse(null);
            DynamicEntity e = t == null ? null : (DynamicEntity) em.find(t.javaClass(), recordId);
            return e == null ? Optional.<String>empty() : Optional.ofNullable(controlled(em, t, e));
        });
    }

    /**
     * Why a stored record is controlled (its changes need a reason), or null: an enum attribute holds a literal
     * hinted {@link qms.core.Hints#CONTROLLED}, or the record is signed.
     */
    private String controlled(EntityManager em, TypeMapping t, DynamicEntity e) {
        for (FeatureMapping f : t.features) {
            if (f.kind == Kind.ATTRIBUTE && !f.feature.isMany()
                    && ((EAttribute) f.feature).getEAttributeType() instanceof EEnum en
                    && e.get(f.property) instanceof String name) {
                EEnumLiteral literal = en.getEEnumLiteral(name);
                if (literal != null && model.flag(literal, qms.core.Hints.CONTROLLED)) {
                    return Validation.typeLabel(t.eClass) + " '" + labelOf(t, e) + "' is "
                            + literal.getLiteral() + " (" + Validation.featureLabel(f.feature).toLowerCase() + ")";
                }
            }
        }
        long signed = this.signatures.count(em, e.get(TypeMapping.ID));
        if (signed > 0) {
            return Validation.typeLabel(t.eClass) + " '" + labelOf(t, e) + "' is signed (" + signed
                    + " signature" + (signed == 1 ? "" : "s") + ")";
        }
        return null;
    }

    private String labelOf(TypeMapping t, DynamicEntity e) {
        EAttribute label = Records.labelAttribute(t.eClass);
        Object v = label == null ? null : e.get(t.feature(label).property);
        return v == null ? e.get(TypeMapping.ID) : v.toString();
    }

    private void upsert(Tx tx, Record record, String ownerId, String ownerFeature, int position) {
        TypeMapping t = schema.type(record.eClass());
        String id = record.getId();
        LoadedState state = LoadedState.of(record);
        String label = Records.label(record);
        DynamicEntity e;
        boolean isNew = state == null;
        if (isNew) {
            // no look-up first: the primary keys refuse a second record with this id (see write())
            e = t.newEntity();
            e.set(TypeMapping.ID, id);
        } else {
            e = (DynamicEntity) tx.em.find(t.javaClass(), id);
            if (e == null) {
                throw new ConflictException(id, Validation.describe(record) + " was deleted by "
                        + lastChange(tx.em, id) + " after you opened it. Nothing was saved.");
            }
            long current = ((Number) e.get(TypeMapping.VERSION)).longValue();
            if (current != state.version) {
                throw new ConflictException(id, Validation.describe(record) + " was changed by "
                        + lastChange(tx.em, id) + " after you opened it. Nothing was saved; reload it and apply"
                        + " your change again.");
            }
        }
        String controlled = isNew || tx.audit.hasReason() ? null : controlled(tx.em, t, e);
        int entriesBefore = tx.audit.written();
        boolean immutable = !isNew && model.classFlag(t.eClass, qms.core.Hints.IMMUTABLE);
        if (record instanceof qms.model.UserAccount account) {
            tx.accountsChanged = true;
            if (isNew) {
                accounts.checkUserIdFree(tx.em, account);
            }
        }
        if (t.containable && (isNew || ownerId != null)) {
            e.set(TypeMapping.OWNER_ID, ownerId);
            e.set(TypeMapping.OWNER_FEATURE, ownerFeature);
            e.set(TypeMapping.OWNER_POS, ownerId == null ? null : position);
        }
        if (isNew) {
            stamp(tx, record);
            appendSnapshot(tx, id, t.typeName, label, AuditAction.CREATE, values(t, record));
        }
        for (FeatureMapping f : t.features) {
            switch (f.kind) {
            case ATTRIBUTE -> {
                // defaults are stored as values; only an unsettable attribute that is unset is stored as null
                Object newValue = f.feature.isUnsettable() && !record.eIsSet(f.feature) ? null
                        : f.toColumn(record.eGet(f.feature));
                Object oldValue = isNew ? null : e.get(f.property);
                if (isNew || !FeatureMapping.same(oldValue, newValue)) {
                    refuseIfImmutable(immutable, record, f, f.text(f.fromColumn(oldValue)));
                    if (!isNew && model.flag(f.feature, qms.core.Hints.FIXED)) {
                        throw Validation.failure(record, f.feature, "cannot be changed once saved (it was '"
                                + f.text(f.fromColumn(oldValue)) + "'). Nothing was saved.");
                    }
                    e.set(f.property, newValue);
                    if (!isNew) {
                        tx.audit.append(id, t.typeName, label, AuditAction.UPDATE, f.feature.getName(),
                                f.text(f.fromColumn(oldValue)), f.text(f.fromColumn(newValue)));
                    }
                }
            }
            case REFERENCE -> {
                String newValue = Records.id((EObject) record.eGet(f.feature));
                String oldValue = isNew ? null : e.get(f.property);
                if (isNew || !Objects.equals(oldValue, newValue)) {
                    refuseIfImmutable(immutable, record, f, null);
                    e.set(f.property, newValue);
                    if (!isNew) {
                        tx.audit.append(id, t.typeName, label, AuditAction.UPDATE, f.feature.getName(), oldValue, newValue);
                    }
                }
            }
            case REFERENCES -> {
                List<String> newIds = ((List<?>) record.eGet(f.feature)).stream().map(o -> Records.id((EObject) o))
                        .toList();
                List<String> oldIds = isNew ? List.of() : referenceRows(tx.em, id, f.feature.getName());
                if (!newIds.equals(oldIds)) {
                    refuseIfImmutable(immutable, record, f, null);
                    replaceReferenceRows(tx.em, id, f.feature.getName(), newIds);
                    if (!isNew) {
                        tx.audit.append(id, t.typeName, label, AuditAction.UPDATE, f.feature.getName(), joined(oldIds),
                                joined(newIds));
                    }
                }
            }
            case CONTAINMENT -> {
                List<Record> children = new ArrayList<>();
                Object value = record.eGet(f.feature);
                if (value instanceof List<?> l) {
                    l.forEach(o -> children.add((Record) o));
                } else if (value != null) {
                    children.add((Record) value);
                }
                List<String> oldIds = isNew ? List.of() : childIds(tx.em, id, (EReference) f.feature);
                List<String> newIds = children.stream().map(Record::getId).toList();
                for (String gone : oldIds) {
                    if (!newIds.contains(gone)) {
                        refuseIfImmutable(immutable || model.classFlag(((EReference) f.feature).getEReferenceType(),
                                qms.core.Hints.IMMUTABLE), record, f, null);
                        deleteById(tx, gone);
                    }
                }
                for (int i = 0; i < children.size(); i++) {
                    upsert(tx, children.get(i), id, f.feature.getName(), i);
                }
                if (!isNew && !newIds.equals(oldIds)) {
                    tx.audit.append(id, t.typeName, label, AuditAction.UPDATE, f.feature.getName(), joined(oldIds),
                            joined(newIds));
                }
            }
            }
        }
        if (controlled != null && tx.audit.written() > entriesBefore) {
            throw new ReasonRequiredException(controlled + ": changing it needs a reason for the change."
                    + " Nothing was saved.");
        }
        if (isNew) {
            e.set(TypeMapping.VERSION, 1L);
            tx.em.persist(e);
            tx.em.persist(new RecordIndexEntity(id, t.typeName));
        }
        DynamicEntity managed = e;
        tx.afterCommit.add(() -> LoadedState.set(record, ((Number) managed.get(TypeMapping.VERSION)).longValue()));
    }

    /** Sets the attributes hinted {@link qms.core.Hints#STAMP} of a new record to who saves it and when. */
    private void stamp(Tx tx, Record record) {
        for (EAttribute a : record.eClass().getEAllAttributes()) {
            String stamp = model.hint(a, qms.core.Hints.STAMP);
            if ("user".equals(stamp)) {
                record.eSet(a, tx.user);
            } else if ("time".equals(stamp)) {
                record.eSet(a, new java.util.Date());
            }
        }
    }

    /**
     * A stored record of a class hinted {@link qms.core.Hints#IMMUTABLE} (a sign-off, a timeline entry) is never
     * changed, and a contained one never removed: the save is refused naming the field, inside the transaction, so
     * nothing of it is written.
     */
    private static void refuseIfImmutable(boolean immutable, Record record, FeatureMapping f, String was) {
        if (immutable) {
            String kind = Validation.typeLabel(f.feature instanceof EReference r && r.isContainment()
                    ? r.getEReferenceType() : record.eClass()).toLowerCase(java.util.Locale.ROOT);
            boolean quote = was != null && was.length() <= 80 && was.indexOf('\n') < 0;
            throw Validation.failure(record, f.feature, "cannot be changed" + (quote ? " (it was '" + was + "')"
                    : "") + ": " + ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind + " is never"
                    + " changed or removed once saved (add a new one instead)");
        }
    }

    /**
     * The audit text of every feature of a record that has a value (attributes as their audit text, references as
     * ids, lists as ids separated by spaces), as kept with its creation and deletion.
     */
    private static Map<String, String> values(TypeMapping t, Record record) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (FeatureMapping f : t.features) {
            String text = switch (f.kind) {
            case ATTRIBUTE -> f.feature.isUnsettable() && !record.eIsSet(f.feature) ? null
                    : f.text(record.eGet(f.feature));
            case REFERENCE -> Records.id((EObject) record.eGet(f.feature));
            case REFERENCES, CONTAINMENT -> {
                Object v = record.eGet(f.feature);
                List<String> ids = new ArrayList<>();
                for (Object o : v instanceof List<?> l ? l : v == null ? List.of() : List.of(v)) {
                    ids.add(Records.id((EObject) o));
                }
                yield joined(ids);
            }
            };
            if (text != null) {
                values.put(f.feature.getName(), text);
            }
        }
        return values;
    }

    /**
     * One CREATE (or DELETE) entry whose value is the snapshot of the record's values; a value too long to share
     * it (a long description) gets an entry of its own, naming its attribute.
     */
    private static void appendSnapshot(Tx tx, String id, String type, String label, AuditAction action,
            Map<String, String> values) {
        Map<String, String> shared = new java.util.LinkedHashMap<>();
        Map<String, String> own = new java.util.LinkedHashMap<>();
        int room = AuditWriter.MAX_VALUE - 64;
        for (Map.Entry<String, String> v : values.entrySet()) {
            int size = v.getKey().length() + v.getValue().length() * 2 + 8; // JSON escaping may double it
            if (size <= room) {
                shared.put(v.getKey(), v.getValue());
                room -= size;
            } else {
                own.put(v.getKey(), v.getValue());
            }
        }
        String snapshot = qms.core.Snapshots.toJson(shared);
        boolean create = action == AuditAction.CREATE;
        tx.audit.append(id, type, label, action, null, create ? null : snapshot, create ? snapshot : null);
        own.forEach((attribute, value) -> tx.audit.append(id, type, label, action, attribute, create ? null : value,
                create ? value : null));
    }

    private static String joined(List<String> ids) {
        return ids.isEmpty() ? null : String.join(" ", ids);
    }

    private static void replaceReferenceRows(EntityManager em, String ownerId, String feature, List<String> ids) {
        em.createQuery("DELETE FROM ReferenceEntity r WHERE r.ownerId = :o AND r.feature = :f")
                .setParameter("o", ownerId).setParameter("f", feature).executeUpdate();
        for (int i = 0; i < ids.size(); i++) {
            em.persist(new ReferenceEntity(ownerId, feature, i, ids.get(i)));
        }
    }

    private List<String> childIds(EntityManager em, String ownerId, EReference containment) {
        List<String> ids = new ArrayList<>();
        for (TypeMapping ct : schema.all()) {
            if (ct.containable && containment.getEReferenceType().isSuperTypeOf(ct.eClass)) {
                ids.addAll(em.createQuery("SELECT e." + TypeMapping.ID + " FROM " + ct.alias + " e WHERE e."
                        + TypeMapping.OWNER_ID + " = :o AND e." + TypeMapping.OWNER_FEATURE + " = :f ORDER BY e."
                        + TypeMapping.OWNER_POS, String.class).setParameter("o", ownerId)
                        .setParameter("f", containment.getName()).getResultList());
            }
        }
        return ids;
    }

    private static String lastChange(EntityManager em, String recordId) {
        List<AuditEntryEntity> last = em.createQuery(
                "SELECT a FROM AuditEntryEntity a WHERE a.recordId = :id ORDER BY a.sequence DESC",
                AuditEntryEntity.class).setParameter("id", recordId).setMaxResults(1).getResultList();
        if (last.isEmpty()) {
            return "someone else";
        }
        return last.get(0).user + " at " + last.get(0).at.replace('T', ' ').replaceAll("\\.\\d+Z$", " UTC")
                .replaceAll("Z$", " UTC");
    }

    // ------------------------------------------------------------------------------------------------ deleting

    @Override
    public void delete(Record record, String reason, boolean force) {
        authorize("delete", record);
        if ("false".equals(model.classHint(record.eClass(), qms.core.Hints.DELETABLE))) {
            throw new StoreException(Validation.describe(record) + " cannot be deleted: "
                    + Validation.typeLabel(record.eClass()) + " records are kept for good"
                    + (record instanceof qms.model.UserAccount ? " (deactivate the account instead)" : "")
                    + ". Nothing was deleted.");
        }
        write(reason, tx -> {
            TypeMapping t = schema.type(record.eClass());
            DynamicEntity e = (DynamicEntity) tx.em.find(t.javaClass(), record.getId());
            if (e == null) {
                throw new RecordNotFoundException(record.getId());
            }
            String controlled = tx.audit.hasReason() ? null : controlled(tx.em, t, e);
            if (controlled != null) {
                throw new ReasonRequiredException(controlled + ": deleting it needs a reason. Nothing was deleted.");
            }
            LoadedState state = LoadedState.of(record);
            if (state != null && state.version != ((Number) e.get(TypeMapping.VERSION)).longValue()) {
                throw new ConflictException(record.getId(), Validation.describe(record) + " was changed by "
                        + lastChange(tx.em, record.getId()) + " after you opened it. Nothing was deleted.");
            }
            Set<String> subtree = new HashSet<>();
            collectSubtree(tx.em, t, record.getId(), subtree);
            List<Referrer> referrers = referrers(tx.em, subtree);
            if (!referrers.isEmpty()) {
                List<String> blocking = referrers.stream().filter(r -> r.required && !r.isLink)
                        .map(Referrer::describe).toList();
                if (!force || !blocking.isEmpty()) {
                    throw new ReferencedRecordException(Validation.describe(record) + " is referred to by "
                            + referrers.size() + " record(s)"
                            + (blocking.isEmpty() ? "" : ", some of which require it") + ". Nothing was deleted.",
                            (blocking.isEmpty() ? referrers.stream().map(Referrer::describe).toList() : blocking));
                }
                for (Referrer r : referrers) {
                    detach(tx, r);
                }
            }
            deleteById(tx, record.getId());
            tx.afterCommit.add(() -> LoadedState.clear(record));
            return null;
        });
    }

    @Override
    public List<String> referrers(String id) {
        return read(em -> {
            RecordIndexEntity index = em.find(RecordIndexEntity.class, id);
            if (index == null) {
                return List.<String>of();
            }
            Set<String> subtree = new HashSet<>();
            TypeMapping t = model.eClass(index.typeName).map(schema::typeOrNull).orElse(null);
            if (t == null) {
                return List.<String>of();
            }
            collectSubtree(em, t, id, subtree);
            return referrers(em, subtree).stream().map(Referrer::describe).toList();
        });
    }

    @Override
    public List<qms.core.IncomingReference> incomingReferences(String id) {
        return read(em -> {
            List<qms.core.IncomingReference> result = new ArrayList<>();
            Reader reader = new Reader(em, 1);
            // links are read by links(); a contained referrer is named by its top-level record
            eachReferrer(em, Set.of(id), false, (t, record, f, target, column) -> {
                List<EReference> path = new ArrayList<>();
                String top = topLevel(em, Records.id(record), path);
                result.add(new qms.core.IncomingReference(top.equals(Records.id(record)) ? record : reader.byId(top),
                        path, (EReference) f.feature));
            });
            return result;
        });
    }

    /**
     * The id of the top-level record that (through containments) holds the record {@code id}, or {@code id} itself;
     * {@code path} receives the containment references from the top down.
     */
    private String topLevel(EntityManager em, String id, List<EReference> path) {
        String current = id;
        while (true) {
            RecordIndexEntity index = em.find(RecordIndexEntity.class, current);
            TypeMapping t = index == null ? null : model.eClass(index.typeName).map(schema::typeOrNull).orElse(null);
            if (t == null || !t.containable) {
                return current;
            }
            DynamicEntity e = (DynamicEntity) em.find(t.javaClass(), current);
            String owner = e == null ? null : e.get(TypeMapping.OWNER_ID);
            if (owner == null) {
                return current;
            }
            RecordIndexEntity ownerIndex = em.find(RecordIndexEntity.class, owner);
            EClass ownerClass = ownerIndex == null ? null : model.eClass(ownerIndex.typeName).orElse(null);
            if (ownerClass == null) {
                return current;
            }
            path.add(0, (EReference) ownerClass.getEStructuralFeature((String) e.get(TypeMapping.OWNER_FEATURE)));
            current = owner;
        }
    }

    /** A record pointing at one being deleted: through a single reference column or a SYS_REFERENCE row. */
    private record Referrer(TypeMapping type, String id, String label, FeatureMapping feature, String target,
            boolean required, boolean isLink) {
        String describe() {
            return (isLink ? "Link " : type.eClass.getName() + " ") + "'" + label + "' ("
                    + Validation.featureLabel(feature.feature) + ")";
        }
    }

    private void collectSubtree(EntityManager em, TypeMapping t, String id, Set<String> ids) {
        ids.add(id);
        for (FeatureMapping f : t.features) {
            if (f.kind == Kind.CONTAINMENT) {
                for (String child : childIds(em, id, (EReference) f.feature)) {
                    RecordIndexEntity index = em.find(RecordIndexEntity.class, child);
                    TypeMapping ct = index == null ? null : model.eClass(index.typeName).map(schema::typeOrNull)
                            .orElse(null);
                    if (ct != null) {
                        collectSubtree(em, ct, child, ids);
                    }
                }
            }
        }
    }

    private List<Referrer> referrers(EntityManager em, Set<String> targets) {
        List<Referrer> result = new ArrayList<>();
        eachReferrer(em, targets, true, (t, record, f, target, column) -> result.add(new Referrer(t, Records.id(
                record), Records.label(record), f, target, column && f.feature.isRequired(), QmsPackage.Literals.LINK
                        .isSuperTypeOf(t.eClass))));
        return result;
    }

    /** One record pointing at a target: through a reference column ({@code column}) or a SYS_REFERENCE row. */
    private interface ReferrerVisitor {
        void visit(TypeMapping type, Record record, FeatureMapping feature, String target, boolean column);
    }

    /**
     * Visits every record (outside {@code targets}) whose references point into {@code targets}, loaded one level
     * deep (a link's label names both of its ends); links only when {@code links}.
     */
    private void eachReferrer(EntityManager em, Set<String> targets, boolean links, ReferrerVisitor visitor) {
        Reader reader = new Reader(em, 1);
        List<String> all = List.copyOf(targets);
        for (int from = 0; from < all.size(); from += 50) {
            referringColumns(em, all.subList(from, Math.min(all.size(), from + 50)), links, (t, id, f, target) -> {
                DynamicEntity e = targets.contains(id) ? null : (DynamicEntity) em.find(t.javaClass(), id);
                if (e != null) {
                    visitor.visit(t, reader.record(t, e), f, target, true);
                }
            });
        }
        for (ReferenceEntity r : em.createQuery("SELECT r FROM ReferenceEntity r WHERE r.targetId IN :ids",
                ReferenceEntity.class).setParameter("ids", targets).getResultList()) {
            if (targets.contains(r.ownerId)) {
                continue;
            }
            Record owner = reader.byId(r.ownerId);
            if (owner != null) {
                TypeMapping t = schema.type(owner.eClass());
                visitor.visit(t, owner, t.feature(owner.eClass().getEStructuralFeature(r.feature)), r.targetId, false);
            }
        }
    }

    private interface ColumnHit {
        void hit(TypeMapping type, String id, FeatureMapping reference, String target);
    }

    /**
     * The rows whose single-valued reference columns hold one of {@code targets}, found with one statement over every
     * reference column of every table (each branch follows its column's index): a query per column cost a statement
     * each, and each statement is compiled the first time it runs.
     */
    private void referringColumns(EntityManager em, List<String> targets, boolean links, ColumnHit hit) {
        List<TypeMapping> types = new ArrayList<>();
        List<FeatureMapping> columns = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        String in = " IN (" + String.join(", ", java.util.Collections.nCopies(targets.size(), "?")) + ")";
        for (TypeMapping t : schema.all()) {
            if (!links && QmsPackage.Literals.LINK.isSuperTypeOf(t.eClass)) {
                continue;
            }
            for (FeatureMapping f : t.features) {
                if (f.kind == Kind.REFERENCE) {
                    sql.append(sql.length() == 0 ? "" : " UNION ALL ").append("SELECT ID, ").append(columns.size())
                            .append(" AS K, ").append(f.column).append(" AS TARGET FROM ").append(t.table)
                            .append(" WHERE ").append(f.column).append(in);
                    types.add(t);
                    columns.add(f);
                }
            }
        }
        if (columns.isEmpty() || targets.isEmpty()) {
            return;
        }
        jakarta.persistence.Query q = em.createNativeQuery(sql.toString());
        int position = 1;
        for (int i = 0; i < columns.size(); i++) {
            for (String target : targets) {
                q.setParameter(position++, target);
            }
        }
        for (Object row : q.getResultList()) {
            Object[] values = (Object[]) row;
            int k = ((Number) values[1]).intValue();
            hit.hit(types.get(k), (String) values[0], columns.get(k), (String) values[2]);
        }
    }

    /** Removes a referrer's pointer at a record being force-deleted: links go, references are cleared. */
    private void detach(Tx tx, Referrer r) {
        if (r.isLink) {
            if (tx.em.find(RecordIndexEntity.class, r.id) != null) {
                deleteById(tx, r.id);
            }
            return;
        }
        DynamicEntity e = (DynamicEntity) tx.em.find(r.type.javaClass(), r.id);
        if (r.feature.kind == Kind.REFERENCE) {
            e.set(r.feature.property, null);
            tx.audit.append(r.id, r.type.typeName, r.label, AuditAction.UPDATE, r.feature.feature.getName(),
                    r.target, null);
        } else {
            List<String> old = referenceRows(tx.em, r.id, r.feature.feature.getName());
            List<String> remaining = old.stream().filter(x -> !x.equals(r.target)).toList();
            replaceReferenceRows(tx.em, r.id, r.feature.feature.getName(), remaining);
            // the owner's row is unchanged, but the record did change: whoever has it open must reload
            tx.em.lock(e, jakarta.persistence.LockModeType.OPTIMISTIC_FORCE_INCREMENT);
            tx.audit.append(r.id, r.type.typeName, r.label, AuditAction.UPDATE, r.feature.feature.getName(),
                    joined(old), joined(remaining));
        }
    }

    /** Deletes a record, the records it contains, its reference rows and evidence content; audits each. */
    private void deleteById(Tx tx, String id) {
        RecordIndexEntity index = tx.em.find(RecordIndexEntity.class, id);
        if (index == null) {
            return;
        }
        TypeMapping t = model.eClass(index.typeName).map(schema::typeOrNull).orElseThrow(
                () -> new StoreException("Record " + id + " is of type " + index.typeName
                        + ", which no installed module provides; it cannot be deleted"));
        DynamicEntity e = (DynamicEntity) tx.em.find(t.javaClass(), id);
        Record last = new Reader(tx.em, 0).record(t, e);
        String label = Records.label(last);
        Map<String, String> lastValues = values(t, last);
        for (FeatureMapping f : t.features) {
            if (f.kind == Kind.CONTAINMENT) {
                for (String child : childIds(tx.em, id, (EReference) f.feature)) {
                    deleteById(tx, child);
                }
            } else if (f.kind == Kind.REFERENCES) {
                replaceReferenceRows(tx.em, id, f.feature.getName(), List.of());
            }
        }
        EvidenceContentEntity content = tx.em.find(EvidenceContentEntity.class, id);
        if (content != null) {
            tx.em.remove(content);
        }
        tx.em.remove(e);
        tx.em.remove(index);
        appendSnapshot(tx, id, t.typeName, label, AuditAction.DELETE, lastValues);
    }

    // ------------------------------------------------------------------------------------------------ evidence

    @Override
    public void storeContent(EvidenceFile file, byte[] content, String reason) {
        authorize("store the content of", file);
        String sha = AuditChain.sha256(content);
        String previousSha = file.getSha256();
        file.setSha256(sha);
        file.setSize(content.length);
        if (file.getCapturedAt() == null) {
            file.setCapturedAt(Date.from(Instant.now()));
        }
        if (file.getCapturedBy() == null) {
            file.setCapturedBy(principal.get().userId());
        }
        Validation.check(file);
        write(reason, tx -> {
            upsert(tx, file, null, null, 0);
            EvidenceContentEntity c = tx.em.find(EvidenceContentEntity.class, file.getId());
            if (c == null) {
                tx.em.persist(new EvidenceContentEntity(file.getId(), content));
            } else {
                c.content = content;
            }
            tx.audit.append(file.getId(), ModelRegistry.typeName(file.eClass()), Records.label(file),
                    AuditAction.CONTENT, "content", c == null ? null : previousSha, sha);
            return null;
        });
    }

    @Override
    public byte[] readContent(String evidenceFileId) {
        return read(em -> {
            Record record = new Reader(em, 0).byId(evidenceFileId);
            if (!(record instanceof EvidenceFile file)) {
                throw new RecordNotFoundException(evidenceFileId);
            }
            EvidenceContentEntity c = em.find(EvidenceContentEntity.class, evidenceFileId);
            if (c == null) {
                throw new StoreException("Evidence file '" + file.getName() + "' has no stored content");
            }
            String actual = AuditChain.sha256(c.content);
            if (!actual.equals(file.getSha256())) {
                throw new IntegrityException("Evidence file '" + file.getName() + "' (" + evidenceFileId
                        + ") is damaged or was altered: its content hashes to " + actual + " but " + file.getSha256()
                        + " was recorded when it was stored");
            }
            return c.content;
        });
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
                    present.add(labelOf(t, e));
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

    /** SQLState 23505: a unique or primary key constraint refused the row. */
    private static boolean isDuplicateKey(Throwable t) {
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
