package qms.store.jpa.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.TypedQuery;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.persistence.dynamic.DynamicEntity;

import qms.core.LinkDirection;
import qms.core.ModelRegistry;
import qms.core.Query;
import qms.core.StoreException;
import qms.model.Link;
import qms.model.QmsPackage;
import qms.model.Record;

/**
 * The store's reads: a query's records (JPQL over the dynamic entities), its rows as plain JDBC scans, counts, one
 * record by id, a record's links. Each in an entity manager of its own.
 */
final class RecordQueries {

    private final JpaRecordStore store;
    private final Schema schema;
    private final ModelRegistry model;

    RecordQueries(JpaRecordStore store) {
        this.store = store;
        this.schema = store.schema();
        this.model = store.model();
    }

    List<Record> list(Query query) {
        TypeMapping t = schema.type(query.type());
        return store.read(em -> {
            TypedQuery<DynamicEntity> q = jpql(em, t, query, "SELECT e FROM " + t.alias + " e", DynamicEntity.class);
            if (query.offset() > 0) {
                q.setFirstResult(query.offset());
            }
            if (query.limit() < Integer.MAX_VALUE) {
                q.setMaxResults(query.limit());
            }
            RecordReader reader = new RecordReader(store, em, 0);
            List<DynamicEntity> entities = q.getResultList();
            reader.prefetchChildren(t, entities);
            return entities.stream().map(e -> reader.record(t, e)).toList();
        });
    }

    /**
     * Plain JDBC over the statement the mapping implies (table, columns, conditions): a million rows cost the
     * database's reading them, not an object per row and column in between (benchmark P3).
     */
    void scan(Query query, List<? extends EStructuralFeature> features, Consumer<Object[]> sink) {
        TypeMapping t = schema.type(query.type());
        List<FeatureMapping> fs = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ID");
        List<String> owner = new ArrayList<>(); // the containment's name for an owner column, else null
        for (EStructuralFeature f : features) {
            if (f == QmsPackage.Literals.RECORD__ID) {
                fs.add(null); // the id is selected anyway
                owner.add(null);
                continue;
            }
            if (f instanceof EReference r && r.isContainment() && t.containable && r.getEReferenceType()
                    .isSuperTypeOf(query.type())) {
                fs.add(null); // the record that contains this one through r: its owner, if it is held by r
                owner.add(r.getName());
                // compared here, not with CASE in the database: Derby's CASE cost P7 an eighth of a scan
                sql.append(", OWNER_FEATURE, OWNER_ID");
                continue;
            }
            FeatureMapping m = t.feature(f);
            if (m == null || m.property == null || f instanceof EReference && f.isMany()) {
                throw new IllegalArgumentException(f.getName() + " of " + query.type().getName() + " cannot be"
                        + " scanned: only attributes, single references and the containment holding it can");
            }
            fs.add(m);
            owner.add(null);
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
        store.read(em -> {
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
                            String containment = owner.get(i);
                            if (containment != null) {
                                values[i] = containment.equals(rs.getString(column)) ? rs.getString(column + 1)
                                        : null;
                                column += 2;
                            } else {
                                values[i] = f == null ? rs.getString(1) : f.kind == FeatureMapping.Kind.REFERENCE ? rs
                                        .getString(column++) : f.readValue(rs, column++, utc);
                            }
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

    long count(Query query) {
        TypeMapping t = schema.type(query.type());
        return store.read(em -> jpql(em, t, query, "SELECT COUNT(e) FROM " + t.alias + " e", Long.class).getSingleResult());
    }

    Map<String, Long> countByTypeName() {
        return store.read(em -> {
            Map<String, Long> counts = new HashMap<>();
            for (Object[] row : em.createQuery("SELECT r.typeName, COUNT(r) FROM RecordIndexEntity r"
                    + " GROUP BY r.typeName", Object[].class).getResultList()) {
                counts.put((String) row[0], ((Number) row[1]).longValue());
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

    Optional<Record> find(String id) {
        return store.read(em -> Optional.ofNullable(new RecordReader(store, em, 1).byId(id)));
    }

    List<Link> links(String recordId, LinkDirection direction) {
        TypeMapping t = schema.type(QmsPackage.Literals.LINK);
        FeatureMapping source = t.feature(QmsPackage.Literals.LINK__SOURCE);
        FeatureMapping target = t.feature(QmsPackage.Literals.LINK__TARGET);
        List<FeatureMapping[]> ends = switch (direction) { // {the record's end, the other end}
        case OUTGOING -> List.<FeatureMapping[]>of(new FeatureMapping[] { source, target });
        case INCOMING -> List.<FeatureMapping[]>of(new FeatureMapping[] { target, source });
        case BOTH -> List.of(new FeatureMapping[] { source, target }, new FeatureMapping[] { target, source });
        };
        return store.read(em -> {
            EntityTransaction tx = em.getTransaction();
            tx.begin(); // EclipseLink lends its connection inside a transaction only
            try {
                return new RecordReader(store, em, 1).links(t, recordId, ends);
            } catch (java.sql.SQLException e) {
                throw new StoreException("Reading the links of record " + recordId + " from the database failed: "
                        + e.getMessage(), e);
            } finally {
                tx.rollback();
            }
        });
    }
}
