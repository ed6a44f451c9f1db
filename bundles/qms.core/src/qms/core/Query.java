package qms.core;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;

/**
 * A list query over one record class: conditions on attributes (real columns in the store), an order and a page.
 * Immutable; each method returns a new query.
 */
public final class Query {

    /**
     * How a condition compares the attribute with the value: AT_LEAST and AT_MOST include the value, BELOW excludes
     * it (a half-open range [a, b) is AT_LEAST a and BELOW b). A record whose attribute is unset matches only IS_NULL.
     */
    public enum Op {
        EQUALS, NOT_EQUALS, LIKE, AT_LEAST, AT_MOST, BELOW, IS_NULL
    }

    /** One condition; for LIKE the value may contain % and _ wildcards, compared case-insensitively. */
    public record Condition(EAttribute attribute, Op op, Object value) {
    }

    private final EClass type;
    private final List<Condition> conditions;
    private final EAttribute orderBy;
    private final boolean descending;
    private final int offset;
    private final int limit;

    private Query(EClass type, List<Condition> conditions, EAttribute orderBy, boolean descending, int offset,
            int limit) {
        this.type = type;
        this.conditions = List.copyOf(conditions);
        this.orderBy = orderBy;
        this.descending = descending;
        this.offset = offset;
        this.limit = limit;
    }

    /** All records of the class, unordered. */
    public static Query of(EClass type) {
        return new Query(type, List.of(), null, false, 0, Integer.MAX_VALUE);
    }

    public Query where(EAttribute attribute, Op op, Object value) {
        if (!type.getEAllAttributes().contains(attribute)) {
            throw new IllegalArgumentException(type.getName() + " has no attribute " + attribute.getName());
        }
        List<Condition> cs = new ArrayList<>(conditions);
        cs.add(new Condition(attribute, op, value));
        return new Query(type, cs, orderBy, descending, offset, limit);
    }

    public Query where(EAttribute attribute, Object value) {
        return where(attribute, value == null ? Op.IS_NULL : Op.EQUALS, value);
    }

    public Query orderBy(EAttribute attribute, boolean desc) {
        return new Query(type, conditions, attribute, desc, offset, limit);
    }

    public Query page(int first, int max) {
        return new Query(type, conditions, orderBy, descending, first, max);
    }

    public EClass type() {
        return type;
    }

    public List<Condition> conditions() {
        return conditions;
    }

    public EAttribute orderBy() {
        return orderBy;
    }

    public boolean descending() {
        return descending;
    }

    public int offset() {
        return offset;
    }

    public int limit() {
        return limit;
    }
}
