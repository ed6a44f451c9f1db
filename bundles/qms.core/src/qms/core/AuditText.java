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
