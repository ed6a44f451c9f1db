package qms.store.jpa.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EDataType;
import org.eclipse.emf.ecore.EEnum;
import org.eclipse.emf.ecore.EEnumLiteral;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.EcorePackage;
import org.eclipse.emf.ecore.util.EcoreUtil;

/**
 * How one feature of a record class is stored, derived from the Ecore metadata alone:
 * <ul>
 * <li>single-valued attributes: a column of a matching SQL type (enums by literal name, dates as UTC);</li>
 * <li>multi-valued enum attributes (e.g. a user's roles): one column of the literal names, space-separated;</li>
 * <li>single-valued references: a column {@code <NAME>_ID} holding the target's id;</li>
 * <li>multi-valued references: rows of {@code SYS_REFERENCE};</li>
 * <li>containment: the contained records' own tables, pointing back through {@code OWNER_ID}.</li>
 * </ul>
 */
final class FeatureMapping {

    enum Kind {
        ATTRIBUTE, REFERENCE, REFERENCES, CONTAINMENT
    }

    /** What separates the literals of a many-valued enum column. */
    private static final Pattern SPACES = Pattern.compile(" +");
    /** Longest single-line string stored; longer values are refused with the field named. */
    static final int SHORT_TEXT = 1024;
    /** Longest multi-line string stored (Derby's VARCHAR limit). */
    static final int LONG_TEXT = 32672;

    final EStructuralFeature feature;
    final Kind kind;
    /** The dynamic entity's property (null for REFERENCES and CONTAINMENT). */
    final String property;
    final String column;
    final Class<?> columnType;
    final int length;
    /** Lists filter on this attribute: its column is indexed. */
    final boolean filter;
    /** An enum attribute's values by their stored literal names (EEnum's own look-up walks its list of literals). */
    private final java.util.Map<String, Object> literals;

    private FeatureMapping(EStructuralFeature feature, Kind kind, String property, String column,
            Class<?> columnType, int length, boolean filter) {
        this.filter = filter;
        java.util.Map<String, Object> byName = new java.util.HashMap<>();
        if (feature instanceof EAttribute a && a.getEAttributeType() instanceof EEnum e) {
            for (EEnumLiteral l : e.getELiterals()) {
                byName.put(l.getName(), l.getInstance());
            }
        }
        this.literals = java.util.Map.copyOf(byName);
        this.feature = feature;
        this.kind = kind;
        this.property = property;
        this.column = column;
        this.columnType = columnType;
        this.length = length;
    }

    static FeatureMapping of(EStructuralFeature f, boolean multiLine, boolean filter) {
        if (f instanceof EReference r) {
            if (r.isContainment()) {
                return new FeatureMapping(f, Kind.CONTAINMENT, null, null, null, 0, false);
            }
            if (r.isMany()) {
                return new FeatureMapping(f, Kind.REFERENCES, null, null, null, 0, false);
            }
            return new FeatureMapping(f, Kind.REFERENCE, "ref_" + f.getName(), Naming.column(f.getName() + "Id"),
                    String.class, 36, true);
        }
        EAttribute a = (EAttribute) f;
        if (TypeMapping.VERSION.equals(a.getName())) {
            throw new IllegalArgumentException("attribute " + a.getEContainingClass().getName() + "." + a.getName()
                    + " cannot be stored: '" + a.getName() + "' is the store's own optimistic-lock property; rename it"
                    + " in the .ecore");
        }
        if (a.isMany()) {
            if (!(a.getEAttributeType() instanceof EEnum)) {
                throw new IllegalArgumentException("multi-valued attribute " + a.getEContainingClass().getName()
                        + "." + a.getName() + " cannot be stored: only enums may be multi-valued; model it as a"
                        + " contained record class instead");
            }
            return new FeatureMapping(f, Kind.ATTRIBUTE, f.getName(), Naming.column(f.getName()), String.class,
                    SHORT_TEXT, false);
        }
        Class<?> type = columnType(a.getEAttributeType());
        int length = type == String.class ? (multiLine ? LONG_TEXT : SHORT_TEXT) : 0;
        return new FeatureMapping(f, Kind.ATTRIBUTE, f.getName(), Naming.column(f.getName()), type, length,
                filter && !multiLine);
    }

    private static Class<?> columnType(EDataType t) {
        if (t instanceof EEnum) {
            return String.class;
        }
        Class<?> c = t.getInstanceClass();
        if (c == null) {
            return String.class;
        }
        if (c == boolean.class || c == Boolean.class) {
            return Boolean.class;
        }
        if (c == int.class || c == Integer.class || c == short.class || c == Short.class || c == byte.class
                || c == Byte.class) {
            return Integer.class;
        }
        if (c == long.class || c == Long.class) {
            return Long.class;
        }
        if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
            return Double.class;
        }
        if (c == BigDecimal.class) {
            return BigDecimal.class;
        }
        if (c == Date.class) {
            return Timestamp.class;
        }
        return String.class; // anything else through the data type's own string form
    }

    /** The column value for an attribute's EMF value. */
    Object toColumn(Object value) {
        if (value == null) {
            return null;
        }
        if (feature.isMany() && value instanceof List<?>) {
            List<String> names = new ArrayList<>();
            for (Object v : (List<?>) value) {
                names.add((String) single(v));
            }
            return names.isEmpty() ? null : String.join(" ", names);
        }
        return single(value);
    }

    private Object single(Object value) {
        EDataType t = ((EAttribute) feature).getEAttributeType();
        if (t instanceof EEnum e) {
            EEnumLiteral l = value instanceof org.eclipse.emf.common.util.Enumerator en ? e.getEEnumLiteral(en.getValue())
                    : null;
            return l == null ? value.toString() : l.getName();
        }
        if (columnType == Timestamp.class) {
            // the wall-clock time in UTC, whatever the JVM's zone: stored values mean the same everywhere
            return Timestamp.valueOf(LocalDateTime.ofInstant(((Date) value).toInstant(), ZoneOffset.UTC));
        }
        if (columnType == Integer.class) {
            return ((Number) value).intValue();
        }
        if (columnType == Double.class) {
            return ((Number) value).doubleValue();
        }
        if (columnType == String.class && !(value instanceof String)) {
            return EcoreUtil.convertToString(t, value);
        }
        return value;
    }

    /** This attribute's column value in a JDBC row, typed as EclipseLink would read it ({@link #fromColumn}). */
    Object read(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        Object v;
        if (columnType == Boolean.class) {
            v = rs.getBoolean(column); // Derby stores booleans as SMALLINT; getBoolean reads either
        } else if (columnType == Timestamp.class) {
            v = rs.getTimestamp(column);
        } else if (columnType == Integer.class) {
            v = rs.getInt(column);
        } else if (columnType == Long.class) {
            v = rs.getLong(column);
        } else if (columnType == Double.class) {
            v = rs.getDouble(column);
        } else if (columnType == BigDecimal.class) {
            v = rs.getBigDecimal(column);
        } else {
            v = rs.getString(column);
        }
        return rs.wasNull() ? null : v;
    }

    /**
     * This attribute's EMF value in a JDBC row, as {@code fromColumn(read(rs, column))} gives it. A moment is read
     * through {@code utc} (the stored wall time is UTC's), which spares the driver a calendar per value and the
     * conversion through a local date-time: scans of many rows spend their time there (P7). {@code utc} is the
     * caller's own, a calendar is not safe to share between threads.
     */
    Object readValue(java.sql.ResultSet rs, int column, Calendar utc) throws java.sql.SQLException {
        if (columnType == Timestamp.class && !feature.isMany()) {
            Timestamp ts = rs.getTimestamp(column, utc);
            return ts == null ? null : new Date(ts.getTime());
        }
        return fromColumn(read(rs, column));
    }

    /** The EMF value for a column value of an attribute. */
    Object fromColumn(Object column) {
        if (column == null) {
            return feature.isMany() ? List.of() : null;
        }
        if (feature.isMany()) {
            List<Object> values = new ArrayList<>();
            for (String name : SPACES.split(((String) column).trim())) {
                if (!name.isEmpty()) {
                    values.add(fromSingleColumn(name));
                }
            }
            return values;
        }
        return fromSingleColumn(column);
    }

    private Object fromSingleColumn(Object column) {
        EDataType t = ((EAttribute) feature).getEAttributeType();
        if (t instanceof EEnum e) {
            Object literal = literals.get((String) column);
            if (literal == null) {
                throw new IllegalStateException("stored value '" + column + "' of " + feature.getName()
                        + " is not a literal of " + e.getName());
            }
            return literal;
        }
        Class<?> c = t.getInstanceClass();
        if (columnType == Timestamp.class) {
            Timestamp ts = (Timestamp) column;
            return Date.from(ts.toLocalDateTime().toInstant(ZoneOffset.UTC));
        }
        if (columnType == Integer.class) {
            Number n = (Number) column;
            return c == short.class || c == Short.class ? (Object) n.shortValue()
                    : c == byte.class || c == Byte.class ? (Object) n.byteValue() : (Object) n.intValue();
        }
        if (columnType == Double.class) {
            Number n = (Number) column;
            return c == float.class || c == Float.class ? (Object) n.floatValue() : (Object) n.doubleValue();
        }
        if (columnType == Long.class) {
            return ((Number) column).longValue();
        }
        if (columnType == String.class && c != String.class && t != EcorePackage.Literals.ESTRING) {
            return EcoreUtil.createFromString(t, (String) column);
        }
        return column;
    }

    /** Whether two column values are the same stored value. */
    static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b);
    }

    /** The audit trail's text for an attribute's EMF value: dates as ISO-8601 UTC, enums by their literal. */
    String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? null : String.join(", ", list.stream().map(this::text).toList());
        }
        if (value instanceof Date d) {
            return d.toInstant().toString();
        }
        EDataType t = ((EAttribute) feature).getEAttributeType();
        return t instanceof EEnum ? value.toString() : EcoreUtil.convertToString(t, value);
    }
}
