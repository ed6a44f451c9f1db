package qms.store.jpa.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.persistence.dynamic.DynamicClassLoader;
import org.eclipse.persistence.dynamic.DynamicType;
import org.eclipse.persistence.jpa.dynamic.JPADynamicHelper;
import org.eclipse.persistence.jpa.dynamic.JPADynamicTypeBuilder;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.internal.helper.DatabaseField;
import org.eclipse.persistence.mappings.DirectToFieldMapping;
import org.eclipse.persistence.sessions.Session;

import qms.core.Hints;
import qms.core.ModelRegistry;
import qms.core.StoreException;
import qms.model.QmsPackage;

/**
 * The tables of the record classes, built from the Ecore metadata when the store opens: one dynamic entity type
 * per concrete record class, with a column per single-valued feature. Missing tables and columns are created (a
 * new attribute in an {@code .ecore} needs nothing else to be stored); the result is checked against the
 * database's own catalogue ({@link #missing}), because EclipseLink only logs DDL failures.
 */
final class Schema {

    private final Map<EClass, TypeMapping> types;

    private Schema(Map<EClass, TypeMapping> types) {
        this.types = types;
    }

    static Schema of(ModelRegistry model) {
        Set<EClass> containedTypes = new HashSet<>();
        for (EClass c : model.recordClasses()) {
            for (EReference r : c.getEAllContainments()) {
                containedTypes.add(r.getEReferenceType());
            }
        }
        Map<EClass, TypeMapping> types = new LinkedHashMap<>();
        for (EClass c : model.recordClasses()) {
            if ("sys".equalsIgnoreCase(c.getEPackage().getNsPrefix())) {
                throw new StoreException("EPackage " + c.getEPackage().getNsURI()
                        + " uses the nsPrefix 'sys', which the store reserves for its own tables");
            }
            List<FeatureMapping> features = new ArrayList<>();
            for (EStructuralFeature f : c.getEAllStructuralFeatures()) {
                if (f.isTransient() || f.isDerived() || f.isVolatile() || f == QmsPackage.Literals.RECORD__ID) {
                    continue;
                }
                try {
                    features.add(FeatureMapping.of(f, model.flag(f, Hints.MULTI_LINE), model.flag(f, Hints.FILTER)));
                } catch (IllegalArgumentException e) {
                    throw new StoreException("Cannot store the model: " + e.getMessage(), e);
                }
            }
            boolean containable = containedTypes.stream().anyMatch(t -> t.isSuperTypeOf(c));
            types.put(c, new TypeMapping(c, ModelRegistry.typeName(c), features, containable));
        }
        return new Schema(types);
    }

    TypeMapping type(EClass eClass) {
        TypeMapping t = types.get(eClass);
        if (t == null) {
            throw new StoreException("Records of type " + eClass.getName() + " cannot be stored: no installed module "
                    + "contributes " + eClass.getEPackage().getNsURI());
        }
        return t;
    }

    TypeMapping typeOrNull(EClass eClass) {
        return types.get(eClass);
    }

    Iterable<TypeMapping> all() {
        return types.values();
    }

    /** Registers a dynamic entity type per record class with EclipseLink. */
    void register(JPADynamicHelper helper) {
        DynamicClassLoader loader = helper.getDynamicClassLoader();
        List<DynamicType> dynamicTypes = new ArrayList<>();
        for (TypeMapping t : types.values()) {
            Class<?> javaClass = loader.createDynamicClass("qms.store.dyn." + t.alias);
            JPADynamicTypeBuilder b = new JPADynamicTypeBuilder(javaClass, null, t.table);
            b.setPrimaryKeyFields("ID");
            b.addDirectMapping(TypeMapping.ID, String.class, "ID").getField().setLength(36);
            b.addDirectMapping(TypeMapping.VERSION, Long.class, "VERSION");
            b.getType().getDescriptor().useVersionLocking("VERSION", false);
            b.getType().getDescriptor().setAlias(t.alias);
            if (t.containable) {
                b.addDirectMapping(TypeMapping.OWNER_ID, String.class, "OWNER_ID").getField().setLength(36);
                b.addDirectMapping(TypeMapping.OWNER_FEATURE, String.class, "OWNER_FEATURE").getField()
                        .setLength(128);
                b.addDirectMapping(TypeMapping.OWNER_POS, Integer.class, "OWNER_POS");
            }
            for (FeatureMapping f : t.features) {
                if (f.property != null) {
                    DirectToFieldMapping m = b.addDirectMapping(f.property, f.columnType, f.column);
                    m.getField().setType(f.columnType);
                    if (f.length > 0) {
                        m.getField().setLength(f.length);
                    }
                }
            }
            t.type = b.getType();
            dynamicTypes.add(t.type);
        }
        helper.addTypes(false, false, dynamicTypes.toArray(DynamicType[]::new));
    }

    /**
     * Tables and columns that EclipseLink's descriptors (the fixed tables and the model's) need but the database
     * lacks, as "TABLE" or "TABLE.COLUMN", read from the catalogue in one query.
     */
    static List<String> missing(Session session, Connection c) throws SQLException {
        Map<String, Set<String>> existing = new HashMap<>();
        try (ResultSet rs = c.getMetaData().getColumns(null, c.getSchema(), null, null)) {
            while (rs.next()) {
                existing.computeIfAbsent(rs.getString("TABLE_NAME").toUpperCase(Locale.ROOT), k -> new HashSet<>())
                        .add(rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
            }
        }
        List<String> missing = new ArrayList<>();
        for (ClassDescriptor d : session.getDescriptors().values()) {
            for (DatabaseField f : d.getFields()) {
                String table = f.getTableName().toUpperCase(Locale.ROOT);
                Set<String> columns = existing.get(table);
                if (columns == null) {
                    if (!missing.contains(table)) {
                        missing.add(table);
                    }
                } else if (!columns.contains(f.getName().toUpperCase(Locale.ROOT))) {
                    missing.add(table + "." + f.getName().toUpperCase(Locale.ROOT));
                }
            }
        }
        return missing;
    }

    /**
     * A hash of every table and column the descriptors need and every index this schema wants: equal to the one
     * stored after the last full check, the database needs no look at its catalogue.
     */
    String fingerprint(Session session) {
        List<String> parts = new ArrayList<>();
        for (ClassDescriptor d : session.getDescriptors().values()) {
            for (DatabaseField f : d.getFields()) {
                parts.add(f.getTableName().toUpperCase(Locale.ROOT) + "." + f.getName().toUpperCase(Locale.ROOT));
            }
        }
        for (TypeMapping t : types.values()) {
            indexedColumns(t).forEach(c -> parts.add("index " + t.table + "." + c));
        }
        java.util.Collections.sort(parts);
        return AuditChain.sha256(String.join("\n", parts).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static List<String> indexedColumns(TypeMapping t) {
        List<String> wanted = new ArrayList<>();
        if (t.containable) {
            wanted.add("OWNER_ID");
        }
        t.features.stream().filter(f -> f.filter).forEach(f -> wanted.add(f.column));
        return wanted;
    }

    /**
     * Indexes the columns lists filter on (hinted {@code filter}), every reference column (so links and references
     * are quick to follow from either end) and the owner column of contained records.
     */
    void createIndexes(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        for (TypeMapping t : types.values()) {
            Set<String> indexed = existingIndexes(meta, t.table);
            for (String col : indexedColumns(t)) {
                if (!indexed.contains(col)) {
                    try (Statement s = c.createStatement()) {
                        s.execute("CREATE INDEX " + indexName(t.table, col) + " ON " + t.table + " (" + col + ")");
                    }
                }
            }
        }
    }

    private static String indexName(String table, String column) {
        String name = "IX_" + table + "_" + column;
        return name.length() <= 128 ? name : "IX_" + Integer.toHexString((table + "." + column).hashCode());
    }

    private static Set<String> existingIndexes(DatabaseMetaData meta, String table) throws SQLException {
        Map<String, Integer> firstColumns = new HashMap<>();
        for (String name : List.of(table, table.toLowerCase(Locale.ROOT))) {
            try (ResultSet rs = meta.getIndexInfo(null, null, name, false, false)) {
                while (rs.next()) {
                    if (rs.getShort("ORDINAL_POSITION") == 1 && rs.getString("COLUMN_NAME") != null) {
                        firstColumns.put(rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT), 1);
                    }
                }
            }
        }
        return firstColumns.keySet();
    }
}
