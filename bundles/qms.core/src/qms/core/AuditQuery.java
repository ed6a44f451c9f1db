package qms.core;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Which audit entries to read: each criterion that is null (or empty) matches every entry. Times are truncated to
 * whole seconds; {@code from} is inclusive, {@code to} exclusive. {@code module} is a model package's namespace
 * prefix (e.g. {@code qms}): it matches entries about records of that package's classes.
 *
 * @param recordId the record the entries are about
 * @param user     the user id the entries are attributed to
 * @param from     entries at or after this instant
 * @param to       entries before this instant
 * @param module   the namespace prefix of the record's package
 * @param actions  entries with one of these actions
 */
public record AuditQuery(String recordId, String user, Instant from, Instant to, String module,
        Set<AuditAction> actions) {

    public AuditQuery {
        recordId = blankToNull(recordId);
        user = blankToNull(user);
        module = blankToNull(module);
        from = from == null ? null : from.truncatedTo(ChronoUnit.SECONDS);
        to = to == null ? null : to.truncatedTo(ChronoUnit.SECONDS);
        actions = actions == null || actions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(actions));
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("The period is empty: 'from' (" + from + ") must be before 'to' ("
                    + to + ")");
        }
    }

    /** Every entry. */
    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null);
    }

    public AuditQuery withRecord(String id) {
        return new AuditQuery(id, user, from, to, module, actions);
    }

    public AuditQuery withUser(String userId) {
        return new AuditQuery(recordId, userId, from, to, module, actions);
    }

    public AuditQuery between(Instant start, Instant end) {
        return new AuditQuery(recordId, user, start, end, module, actions);
    }

    public AuditQuery inModule(String nsPrefix) {
        return new AuditQuery(recordId, user, from, to, nsPrefix, actions);
    }

    public AuditQuery withActions(Set<AuditAction> kinds) {
        return new AuditQuery(recordId, user, from, to, module, kinds);
    }

    /** Whether an entry meets every criterion (what the store's query does, for entries already read). */
    public boolean matches(AuditEntry e) {
        return (recordId == null || recordId.equals(e.recordId())) && (user == null || user.equals(e.user()))
                && (from == null || !e.at().isBefore(from)) && (to == null || e.at().isBefore(to))
                && (module == null || e.recordType() != null && e.recordType().startsWith(module + ":"))
                && (actions.isEmpty() || actions.contains(e.action()));
    }

    /** The criteria in words, for the heading of an export: "user alice, from 2026-11-01T00:00:00Z". */
    public String describe(String recordLabel) {
        StringJoiner j = new StringJoiner(", ");
        if (recordId != null) {
            j.add("record " + (recordLabel == null ? recordId : recordLabel + " (" + recordId + ")"));
        }
        if (user != null) {
            j.add("user " + user);
        }
        if (module != null) {
            j.add("module " + module);
        }
        if (from != null) {
            j.add("from " + from);
        }
        if (to != null) {
            j.add("before " + to);
        }
        if (!actions.isEmpty()) {
            j.add("actions " + actions.stream().sorted().map(AuditAction::name).toList());
        }
        return j.length() == 0 ? "all entries" : j.toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
