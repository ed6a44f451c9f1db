package qms.core;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Audit values as people read them: references (stored as record ids) with the label of the record they point at,
 * action names in words. Shared by the Audit Trail view and its exports, so both say the same. Caches labels; use
 * one instance per display or export.
 */
public final class AuditText {

    private static final Pattern IDS = Pattern.compile("[0-9a-f-]{36}( [0-9a-f-]{36})*");

    private final RecordStore store;
    private final Map<String, String> labels = new ConcurrentHashMap<>();

    public AuditText(RecordStore store) {
        this.store = store;
    }

    /** "Sign in failed" for SIGN_IN_FAILED. */
    public static String action(AuditAction action) {
        String words = action.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** The value as shown: record ids become "label" (or "id (deleted)"); content hashes and text stay as they are. */
    public String value(AuditEntry entry, String value) {
        if (value == null) {
            return "";
        }
        if (entry.action() == AuditAction.CONTENT || !IDS.matcher(value).matches()) {
            return value;
        }
        StringBuilder b = new StringBuilder();
        for (String id : value.split(" ")) {
            b.append(b.length() == 0 ? "" : ", ").append(label(id));
        }
        return b.toString();
    }

    /**
     * The attribute as the record's form labels it ("Gxp criticality" for {@code gxpCriticality}); the stored name
     * when the record's type or the attribute is not known here (a module not installed).
     */
    public String attribute(AuditEntry entry, String attribute) {
        return feature(entry, attribute).map(Validation::featureLabel).orElse(attribute == null ? "" : attribute);
    }

    /**
     * The value as the record's form shows it: a date in the reader's zone (with the time of day for moments), an
     * enumeration's label, Yes or No, and record ids as the records' labels ({@link #value}). Values that cannot be
     * read so stay as stored; the stored text is what exports keep.
     */
    public String shown(AuditEntry entry, String attribute, String value, java.time.ZoneId zone) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        Optional<org.eclipse.emf.ecore.EStructuralFeature> f = feature(entry, attribute);
        if (f.isEmpty() || !(f.get() instanceof org.eclipse.emf.ecore.EAttribute a) || entry.action()
                == AuditAction.CONTENT) {
            return value(entry, value);
        }
        Class<?> type = a.getEAttributeType().getInstanceClass();
        try {
            if (type == java.util.Date.class) {
                java.time.ZonedDateTime t = java.time.Instant.parse(value).atZone(zone);
                return store.model().flag(a, Hints.TIME) ? DAY_AND_TIME.format(t) : t.toLocalDate().toString();
            }
            if (type == boolean.class || type == Boolean.class) {
                return Boolean.parseBoolean(value) ? "Yes" : "No";
            }
            if (a.getEAttributeType() instanceof org.eclipse.emf.ecore.EEnum e) {
                org.eclipse.emf.ecore.EEnumLiteral l = e.getEEnumLiteralByLiteral(value);
                l = l != null ? l : e.getEEnumLiteral(value);
                return l == null ? value : l.getLiteral();
            }
        } catch (java.time.DateTimeException e) {
            return value; // not an instant as written by the store: as it is
        }
        return value(entry, value);
    }

    private static final java.time.format.DateTimeFormatter DAY_AND_TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss z");

    private Optional<org.eclipse.emf.ecore.EStructuralFeature> feature(AuditEntry entry, String attribute) {
        if (attribute == null || entry.recordType() == null) {
            return Optional.empty();
        }
        return store.model().eClass(entry.recordType()).map(c -> c.getEStructuralFeature(attribute));
    }

    /** The label of the record with this id now, or the id marked as deleted. */
    public String label(String id) {
        return labels.computeIfAbsent(id, k -> {
            Optional<String> label = store.find(k).map(Records::label);
            return label.orElse(k + " (deleted)");
        });
    }

    /** Forget the cached labels (records were renamed). */
    public void clear() {
        labels.clear();
    }
}
