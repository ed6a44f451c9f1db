package qms.store.jpa.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.persistence.EntityManager;

import org.eclipse.emf.common.util.EList;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.persistence.dynamic.DynamicEntity;

import qms.core.ModelRegistry;
import qms.core.Records;
import qms.core.StoreException;
import qms.model.Link;
import qms.model.Record;
import qms.store.jpa.internal.FeatureMapping.Kind;

/**
 * Turns stored rows into records within one entity manager: by id, the records at the ends of a record's links, a
 * query's entities with their contained records read ahead. References are loaded {@code depth} levels deep, proxies
 * below that. The statements that read a type's row (its single-valued columns) are built here too.
 */
final class RecordReader {
    private final Schema schema;
    private final ModelRegistry model;
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

    RecordReader(JpaRecordStore store, EntityManager em, int depth) {
        this.schema = store.schema();
        this.model = store.model();
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

    /** The single-valued features of a type, in the order {@link #selectRow} selects their columns. */
    static List<FeatureMapping> rowColumns(TypeMapping t) {
        return t.features.stream().filter(f -> f.kind == Kind.ATTRIBUTE || f.kind == Kind.REFERENCE).toList();
    }

    /**
     * One statement over each pair of link ends ({the record's end, the other end}): the branches {@code branch}
     * writes from the two columns, joined by UNION ALL, each with one parameter, the record's id.
     */
    static String perEnd(List<FeatureMapping[]> ends,
            java.util.function.BinaryOperator<String> branch) {
        return String.join(" UNION ALL ", ends.stream().map(end -> branch.apply(end[0].column, end[1].column))
                .toList());
    }

    /** "SELECT a.ID, a.VERSION, a.&lt;column&gt;, ..." of a type's row, columns as {@link #rowColumns}. */
    static StringBuilder selectRow(TypeMapping t, String alias) {
        StringBuilder b = new StringBuilder("SELECT ").append(alias).append(".ID, ").append(alias).append(".VERSION");
        rowColumns(t).forEach(f -> b.append(", ").append(alias).append('.').append(f.column));
        return b;
    }

    /**
     * A row selected by {@link #selectRow}: its id, version and column values (attributes typed as EclipseLink
     * reads them, references as ids), read from the result set's current row.
     */
    record Row(String id, long version, Map<FeatureMapping, Object> values) {

        static Row read(java.sql.ResultSet rs, List<FeatureMapping> columns) throws java.sql.SQLException {
            Map<FeatureMapping, Object> values = new java.util.IdentityHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                FeatureMapping f = columns.get(i);
                values.put(f, f.kind == Kind.REFERENCE ? rs.getString(i + 3) : f.read(rs, i + 3));
            }
            return new Row(rs.getString(1), rs.getLong(2), values);
        }
    }

    interface RowReader {
        void read(java.sql.ResultSet rs) throws java.sql.SQLException;
    }

    /** Runs a statement whose {@code parameters} parameters are all {@code id}, giving {@code row} each row. */
    static void query(java.sql.Connection c, String sql, int parameters, String id, RowReader row)
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

    static List<String> referenceRows(EntityManager em, String ownerId, String feature) {
        return em.createQuery("SELECT r.targetId FROM ReferenceEntity r WHERE r.ownerId = :o AND r.feature = :f"
                + " ORDER BY r.position", String.class).setParameter("o", ownerId).setParameter("f", feature)
                .getResultList();
    }
}
