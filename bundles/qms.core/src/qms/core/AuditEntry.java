package qms.core;

import java.time.Instant;

/**
 * One entry of the append-only audit trail. {@code hash} is the SHA-256 over this entry's content and
 * {@code previousHash}, the hash of the entry before it, so that changing or removing any entry breaks the chain
 * from there on (see {@link AuditTrail#verify()}).
 *
 * @param sequence     position in the trail, 1 for the first entry, without gaps
 * @param at           when, in UTC
 * @param user         the user id of who made the change
 * @param recordId     the record changed (null for {@link AuditAction#SYSTEM})
 * @param recordType   the record's type as {@code nsPrefix:EClassName}, e.g. {@code qms:ComputerizedSystem}
 * @param recordLabel  the record's label at the time of the change, for people reading the trail
 * @param action       what happened
 * @param attribute    the attribute or reference changed (null for CREATE, DELETE and SYSTEM)
 * @param oldValue     the value before, as text (references as record ids; dates in ISO-8601 UTC); for DELETE
 *                     the record's last values ({@link #values()})
 * @param newValue     the value after; for CREATE the values the record was created with
 * @param reason       the reason for the change given by the user (may be null)
 * @param previousHash hash of entry {@code sequence - 1}; 64 zeros for the first entry
 * @param hash         SHA-256 (hex) over this entry's fields and {@code previousHash}
 */
public record AuditEntry(long sequence, Instant at, String user, String recordId, String recordType,
        String recordLabel, AuditAction action, String attribute, String oldValue, String newValue, String reason,
        String previousHash, String hash) {

    /**
     * The record's values this entry records, by attribute: for CREATE and DELETE the snapshot (or, for an entry
     * naming its attribute, that one value too long to share the snapshot); for UPDATE the new value.
     */
    public java.util.Map<String, String> values() {
        String value = action == AuditAction.DELETE ? oldValue : newValue;
        if (attribute != null) {
            java.util.Map<String, String> one = new java.util.HashMap<>();
            one.put(attribute, value);
            return one;
        }
        return action == AuditAction.CREATE || action == AuditAction.DELETE ? Snapshots.fromJson(value)
                : java.util.Map.of();
    }

    /** One changed attribute: for a creation the old value is null, for a deletion the new value. */
    public record Change(String attribute, String oldValue, String newValue) {
    }

    /**
     * What the entry changed, one line per attribute: a creation's or deletion's snapshot is split into its values
     * (sorted by attribute); other entries are one line (attribute may be null, e.g. for a sign-in).
     */
    public java.util.List<Change> changes() {
        if (attribute != null || action != AuditAction.CREATE && action != AuditAction.DELETE) {
            return java.util.List.of(new Change(attribute, oldValue, newValue));
        }
        java.util.Map<String, String> snapshot;
        try {
            snapshot = values();
        } catch (IllegalArgumentException notASnapshot) { // e.g. an entry altered in the database: show it as is
            return java.util.List.of(new Change(null, oldValue, newValue));
        }
        java.util.List<Change> lines = new java.util.ArrayList<>();
        new java.util.TreeMap<>(snapshot).forEach((a, v) -> lines.add(action == AuditAction.CREATE
                ? new Change(a, null, v) : new Change(a, v, null)));
        return lines.isEmpty() ? java.util.List.of(new Change(null, null, null)) : lines;
    }
}
