package qms.core;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.eclipse.emf.common.util.Enumerator;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;

/**
 * What differs between two records of one class (two versions of an SOP), field by field in the form's order, read
 * from the model alone: a changed value; a record added to, removed from or changed in a list it contains (a step, a
 * row of an escalation matrix), rows matched by the attributes their class names with {@link Hints#KEY} (a step's
 * number) or by their label; a record added to or removed from a list of references. Fields the suite sets itself
 * ({@link Hints#READ_ONLY}: a status, an approval day) are left out: the difference is what an author wrote.
 */
public final class RecordDiff {

    public enum Kind {
        ADDED("added"), REMOVED("removed"), CHANGED("changed");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One difference: the field ("Steps"), the row or item it concerns ("3", or "" for a plain value), and the text
     * before and after (empty for what was added or removed).
     */
    public record Change(String field, String item, Kind kind, String before, String after) {
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final ModelRegistry model;
    private final Function<EObject, String> label;

    /** @param label names a referenced record (a role, a system), including one loaded only as its id */
    public RecordDiff(ModelRegistry model, Function<EObject, String> label) {
        this.model = model;
        this.label = label;
    }

    /** The differences from {@code before} to {@code after}, in the form's order. */
    public List<Change> between(EObject before, EObject after) {
        if (before.eClass() != after.eClass()) {
            throw new IllegalArgumentException("Cannot compare a " + before.eClass().getName() + " with a " + after
                    .eClass().getName());
        }
        List<Change> changes = new ArrayList<>();
        for (EStructuralFeature f : compared(before.eClass())) {
            String field = Validation.featureLabel(f);
            if (f instanceof EReference r && r.isMany()) {
                Map<String, String> was = items(before, r);
                Map<String, String> now = items(after, r);
                was.forEach((key, text) -> {
                    if (!now.containsKey(key)) {
                        changes.add(new Change(field, key, Kind.REMOVED, text, ""));
                    } else if (!now.get(key).equals(text)) {
                        changes.add(new Change(field, key, Kind.CHANGED, text, now.get(key)));
                    }
                });
                now.forEach((key, text) -> {
                    if (!was.containsKey(key)) {
                        changes.add(new Change(field, key, Kind.ADDED, "", text));
                    }
                });
            } else {
                String was = text(before, f);
                String now = text(after, f);
                if (!was.equals(now)) {
                    changes.add(new Change(field, "", was.isEmpty() ? Kind.ADDED : now.isEmpty() ? Kind.REMOVED
                            : Kind.CHANGED, was, now));
                }
            }
        }
        return changes;
    }

    /** The features compared: the form's, but not those the suite sets itself. */
    public List<EStructuralFeature> compared(EClass type) {
        return model.formFeatures(type).stream().filter(f -> !model.flag(f, Hints.READ_ONLY)).toList();
    }

    /** A list's items by key: contained records as their fields' text, references by their label. */
    private Map<String, String> items(EObject owner, EReference r) {
        Map<String, String> items = new LinkedHashMap<>();
        for (Object o : (List<?>) owner.eGet(r)) {
            EObject item = (EObject) o;
            if (r.isContainment()) {
                items.put(key(item), row(item));
            } else {
                String name = label.apply(item);
                items.put(name, name);
            }
        }
        return items;
    }

    private String key(EObject row) {
        String hint = model.classHint(row.eClass(), Hints.KEY);
        if (hint == null) {
            return label.apply(row);
        }
        List<String> parts = new ArrayList<>();
        for (String name : hint.trim().split("\\s+")) {
            EStructuralFeature f = row.eClass().getEStructuralFeature(name);
            parts.add(f == null ? "" : text(row, f));
        }
        return String.join(" \u00b7 ", parts);
    }

    /** A contained record as one line: "Action: …; Role: …". */
    public String row(EObject row) {
        List<String> parts = new ArrayList<>();
        for (EStructuralFeature f : compared(row.eClass())) {
            String v = text(row, f);
            if (!v.isEmpty()) {
                parts.add(Validation.featureLabel(f) + ": " + v);
            }
        }
        return String.join("; ", parts);
    }

    /** A value as the diff shows it: days and moments in UTC, choices by their label, Yes/No, references by label. */
    public String text(EObject object, EStructuralFeature f) {
        Object v = object.eGet(f);
        if (f instanceof EAttribute a && a.isUnsettable() && !object.eIsSet(a)) {
            return "";
        }
        if (v instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object o : list) {
                parts.add(o instanceof EObject e ? label.apply(e) : value(f, o));
            }
            return String.join(", ", parts);
        }
        return v instanceof EObject e ? label.apply(e) : value(f, v);
    }

    private String value(EStructuralFeature f, Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Date d) {
            return (model.flag(f, Hints.TIME) ? MOMENT : DAY).format(d.toInstant());
        }
        if (v instanceof Enumerator e) {
            return e.getLiteral();
        }
        if (v instanceof Boolean b) {
            return b ? "Yes" : "No";
        }
        return Objects.toString(v).strip();
    }
}
