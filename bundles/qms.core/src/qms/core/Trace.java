package qms.core;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.eclipse.emf.common.util.Enumerator;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.EReference;

import qms.model.Link;
import qms.model.QmsPackage;
import qms.model.Record;

/**
 * One step of the auditor's trace from a record: everything it points at and everything that points at it, through
 * any module's references and the core's typed links. The trace view expands step by step, so a graph with cycles
 * (a finding and the test it relates to point at each other) is walked only as far as someone opens it.
 */
public final class Trace {

    /** Which way a step goes: to a record the start refers to, or from a record that refers to the start. */
    public enum Direction {
        OUT, IN
    }

    /**
     * A neighbour of the start: {@code relation} reads from the start ("System", "is evidence for", "has evidence",
     * "Evidence of"); {@code via} is the link that makes the step, or null for a reference; {@code reference} is the
     * reference that makes it (the start's, or the referring record's for an incoming step), or null for a link.
     */
    public record Step(Direction direction, String relation, Record record, Link via, EReference reference) {

        public Step {
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(relation, "relation");
            Objects.requireNonNull(record, "record");
        }
    }

    private Trace() {
    }

    /**
     * The records next to {@code record}: its references (those of records it contains too, named through the
     * containment, e.g. "Actions › Evidence"), its links both ways, and the records referring to it (signatures
     * included: they refer to what they sign). Outgoing steps first, each group in the model's order, then by label.
     */
    public static List<Step> steps(RecordStore store, Record record) {
        String id = Records.id(record);
        // read whole: a record reached by a step has its own references loaded only as ids
        Record start = store.find(id).orElseThrow(() -> new RecordNotFoundException(id));
        List<Step> out = new ArrayList<>();
        outgoing(start, "", out);
        List<Step> in = new ArrayList<>();
        for (Link link : store.links(id, LinkDirection.BOTH)) {
            String type = link.getType();
            LinkType lt = store.model().linkType(type).orElse(new LinkType(type, type, "inverse of " + type));
            if (id.equals(Records.id(link.getSource()))) {
                out.add(new Step(Direction.OUT, lt.label(), link.getTarget(), link, null));
            } else {
                in.add(new Step(Direction.IN, lt.inverseLabel(), link.getSource(), link, null));
            }
        }
        for (IncomingReference r : store.incomingReferences(id)) {
            StringBuilder relation = new StringBuilder();
            r.containment().forEach(c -> relation.append(Validation.featureLabel(c)).append(" \u203a "));
            String inverse = store.model().hint(r.reference(), Hints.INVERSE);
            in.add(new Step(Direction.IN, relation + (inverse != null ? inverse : Validation.featureLabel(r
                    .reference()) + " of"), r.source(), null, r.reference()));
        }
        Map<Record, String> labels = new IdentityHashMap<>(); // a label is worked out once, not at each comparison
        in.sort(Comparator.comparing(Step::relation).thenComparing(s -> labels.computeIfAbsent(s.record(),
                Records::label), String.CASE_INSENSITIVE_ORDER));
        List<Step> all = new ArrayList<>(out);
        all.addAll(in);
        return all;
    }

    /**
     * Reads, and changes nothing: one trace step from the record with the most links among the first {@code sample}
     * links of the store, three times. A session's first trace otherwise runs the code that reads a step (the
     * database's and the store's) for the first time, interpreted until the JVM has compiled it: a finding with 1,000
     * links took 540-570 ms to read the first time and 93-147 ms after one step from another record had been read
     * (the product, benchmark P6). The suite runs this in the background once a user has signed in. Returns the id of
     * the record traced, or null if the store has no links.
     */
    public static String prepare(RecordStore store, int sample) {
        Map<String, Integer> links = new java.util.LinkedHashMap<>();
        store.scan(Query.of(QmsPackage.Literals.LINK).page(0, sample), List.of(QmsPackage.Literals.LINK__SOURCE,
                QmsPackage.Literals.LINK__TARGET), row -> {
                    links.merge((String) row[0], 1, Integer::sum);
                    links.merge((String) row[1], 1, Integer::sum);
                });
        String most = null;
        for (Map.Entry<String, Integer> e : links.entrySet()) { // the first of equals
            if (most == null || e.getValue() > links.get(most)) {
                most = e.getKey();
            }
        }
        Record record = most == null ? null : store.find(most).orElse(null);
        if (record == null) {
            return null;
        }
        for (int i = 0; i < 3; i++) { // three times: the JVM compiles more of it (P6 measured 125-233 ms over the
            // empty view after three, 137-252 after one; the reading left is the traced record's own pages)
            for (Step s : steps(store, record)) {
                Records.label(s.record()); // as the view labels the first rows it shows
                status(store.model(), s.record());
            }
        }
        return most;
    }

    /**
     * Where a record stands, as shown beside it in lists of records of many kinds: the value of the attribute its
     * class names with the {@link Hints#STATUS} hint, or of one named status, result or outcome; "" if none is set.
     */
    public static String status(ModelRegistry model, EObject record) {
        EClass c = record.eClass();
        String hinted = model.hint(c, Hints.STATUS);
        for (String name : hinted != null ? List.of(hinted) : List.of("status", "result", "outcome")) {
            EStructuralFeature f = c.getEStructuralFeature(name);
            if (f instanceof EAttribute a && !a.isMany() && (record.eIsSet(a) || !a.isUnsettable())) {
                Object v = record.eGet(a); // a default ("Open") counts: it is the record's value
                return v == null ? "" : v instanceof Enumerator e ? e.getLiteral() : String.valueOf(v);
            }
        }
        return "";
    }

    /**
     * The record's dates that are set, labelled, in the model's order ("Identified on 2026-11-20, Response due
     * 2026-12-20"); moments ({@link Hints#TIME}) with their time of day in {@code zone}, calendar days as stored.
     */
    public static String dates(ModelRegistry model, EObject record, ZoneId zone) {
        StringBuilder b = new StringBuilder();
        for (EAttribute a : record.eClass().getEAllAttributes()) {
            if (a.isMany() || !Date.class.equals(a.getEAttributeType().getInstanceClass()) || !record.eIsSet(a)
                    || model.flag(a, Hints.HIDDEN)) {
                continue;
            }
            Instant at = ((Date) record.eGet(a)).toInstant();
            String value = model.flag(a, Hints.TIME) ? MOMENT.withZone(zone).format(at)
                    : DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(at);
            b.append(b.length() == 0 ? "" : ", ").append(Validation.featureLabel(a)).append(' ').append(value);
        }
        return b.toString();
    }

    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private static void outgoing(EObject object, String prefix, List<Step> out) {
        for (EReference ref : object.eClass().getEAllReferences()) {
            if (ref.isContainer() || !object.eIsSet(ref)) {
                continue;
            }
            String relation = prefix + Validation.featureLabel(ref);
            for (Object value : ref.isMany() ? (List<?>) object.eGet(ref) : List.of(object.eGet(ref))) {
                if (ref.isContainment()) {
                    if (value instanceof EObject child) {
                        outgoing(child, relation + " \u203a ", out);
                    }
                } else if (value instanceof Record target) {
                    out.add(new Step(Direction.OUT, relation, target, null, ref));
                }
            }
        }
    }
}
