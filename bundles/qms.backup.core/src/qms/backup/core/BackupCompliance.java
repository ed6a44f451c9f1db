package qms.backup.core;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import qms.backup.core.BackupHistory.Backup;
import qms.backup.core.BackupHistory.Check;
import qms.backup.core.BackupHistory.Copy;
import qms.backup.core.BackupHistory.Policy;
import qms.backup.core.BackupHistory.RestoreTest;
import qms.backup.core.ComplianceRules.Assessment;
import qms.backup.model.BackupCopy;
import qms.backup.model.BackupPackage;
import qms.backup.model.BackupPolicy;
import qms.backup.model.RestorationTest;
import qms.backup.model.RestoreResult;
import qms.core.Query;
import qms.model.Record;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.SignatureCheck;
import qms.model.ComputerizedSystem;
import qms.model.QmsPackage;

/**
 * The compliance status of every computerized system, computed from the store's policies, backup log,
 * restoration tests and repository checks by {@link ComplianceRules}. A restoration test counts as reviewed when it carries an intact
 * signature meaning Reviewed or Approved.
 */
public final class BackupCompliance {

    /** Signature meanings that make a restoration test reviewed. */
    public static final Set<String> REVIEW_MEANINGS = Set.of("Reviewed", "Approved");

    /** One system's status for a period. */
    public record SystemStatus(ComputerizedSystem system, BackupPolicy policy, Assessment assessment) {
    }

    /** One line of the compliance log: a system on a day. */
    public record DayRow(LocalDate date, SystemName system, boolean backupCompleted,
            RestoreResult restorationTested, ComplianceStatus status) {
    }

    /** A computerized system as the log names it (the log reads only these two values of each system). */
    public record SystemName(String id, String name) {
    }

    private final RecordStore store;
    private final ComplianceRules rules;
    private final ZoneId zone;

    public BackupCompliance(RecordStore store, int dueSoonDays, ZoneId zone) {
        this.store = store;
        this.rules = new ComplianceRules(dueSoonDays, zone);
        this.zone = zone;
    }

    /** Every system's status for the days {@code from} to {@code to}, as of {@code asOf}; worst first, then by name. */
    public List<SystemStatus> assess(LocalDate from, LocalDate to, Instant asOf) {
        Histories h = loadRecords(asOf, asOf, true);
        loadEntries(h, null, null);
        List<SystemStatus> result = new ArrayList<>();
        for (ComputerizedSystem s : h.systems) {
            BackupPolicy policy = h.policies.get(s.getId());
            result.add(new SystemStatus(s, policy, rules.assess(h.history(s.getId()), from, to, asOf)));
        }
        result.sort(Comparator.comparing((SystemStatus st) -> st.assessment().status()).reversed()
                .thenComparing(st -> st.system().getName(), String.CASE_INSENSITIVE_ORDER));
        return result;
    }

    /**
     * Some systems' statuses for the days {@code from} to {@code to}, as of {@code asOf}, read together and from only
     * the log entries that period depends on (from the longest of their RPOs and a day before {@code from}); a system
     * without an active policy is left out.
     */
    public List<SystemStatus> assess(List<ComputerizedSystem> systems, LocalDate from, LocalDate to, Instant asOf) {
        Histories h = loadRecords(asOf, asOf, false);
        List<ComputerizedSystem> covered = systems.stream().filter(s -> h.policies.containsKey(s.getId())).toList();
        if (covered.isEmpty()) {
            return List.of();
        }
        long reach = covered.stream().mapToLong(s -> h.policies.get(s.getId()).getRpoHours()).max().orElse(0) + 24;
        loadEntries(h, from.atStartOfDay(zone).toInstant().minus(Duration.ofHours(reach)), null);
        return covered.stream().map(s -> new SystemStatus(s, h.policies.get(s.getId()), rules.assess(h.history(s
                .getId()), from, to, asOf))).toList();
    }

    /**
     * Every system's status month by month, {@code first} to {@code last}: each month assessed over its days as of its
     * end (or {@code now}, for the current month), systems by name (those in service by then); months that start after
     * {@code now} are left out.
     * One read of the records and of the log entries the months depend on, whatever the number of months.
     */
    public Map<YearMonth, List<SystemStatus>> monthly(YearMonth first, YearMonth last, Instant now) {
        Instant periodStart = first.atDay(1).atStartOfDay(zone).toInstant();
        Instant periodEnd = last.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        Map<YearMonth, List<SystemStatus>> months = new java.util.LinkedHashMap<>();
        if (!periodStart.isBefore(now)) {
            return months;
        }
        Histories h = loadRecords(periodStart, periodEnd.isAfter(now) ? now : periodEnd, true);
        long reach = h.policies.values().stream().mapToLong(BackupPolicy::getRpoHours).max().orElse(0) + 24;
        loadEntries(h, periodStart.minus(Duration.ofHours(reach)), periodEnd);
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            Instant start = m.atDay(1).atStartOfDay(zone).toInstant();
            if (!start.isBefore(now)) {
                break;
            }
            Instant end = m.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
            Instant asOf = end.isAfter(now) ? now : end.minusSeconds(1);
            LocalDate to = end.isAfter(now) ? day(now) : m.atEndOfMonth();
            List<SystemStatus> statuses = new ArrayList<>();
            for (ComputerizedSystem s : h.systems) {
                if (s.getInServiceSince() != null && qms.core.Days.dayOf(s.getInServiceSince()).isAfter(to)) {
                    continue; // not judged before it went into service
                }
                statuses.add(new SystemStatus(s, h.policies.get(s.getId()), rules.assess(h.history(s.getId()), m
                        .atDay(1), to, asOf)));
            }
            months.put(m, statuses);
        }
        return months;
    }

    /**
     * The compliance log: for each day from {@code from} to {@code to} and each system, whether a backup completed,
     * the restoration test of that day (or null), and the status as of the end of that day (or {@code now}, for
     * today). Newest day first, systems by name.
     */
    public List<DayRow> daily(LocalDate from, LocalDate to, Instant now) {
        return daily(from, to, now, rows -> {
        });
    }

    /**
     * As {@link #daily(LocalDate, LocalDate, Instant)}; when the period has more than one day, first hands the rows
     * of its newest day (today at the latest) to {@code newestDay}, computed from only the log entries that day
     * depends on, so that a view shows its first screenful while the older days are read. They are the rows of the
     * full result (which computes them again from all entries).
     */
    public List<DayRow> daily(LocalDate from, LocalDate to, Instant now, Consumer<List<DayRow>> newestDay) {
        Instant periodStart = from.atStartOfDay(zone).toInstant();
        Instant periodEnd = to.plusDays(1).atStartOfDay(zone).toInstant();
        Histories h = loadRecords(periodStart, periodEnd.isAfter(now) ? now : periodEnd, false);
        LocalDate newest = to.isAfter(day(now)) ? day(now) : to;
        if (newest.isBefore(from)) {
            return List.of();
        }
        // a day's status depends on the entries from the longest RPO (and a day) before it
        Duration reach = Duration.ofHours(h.policies.values().stream().mapToLong(BackupPolicy::getRpoHours).max()
                .orElse(0) + 24);
        Instant earliest = periodStart.minus(reach);
        Instant split = newest.atStartOfDay(zone).toInstant().minus(reach);
        if (split.isAfter(earliest)) {
            loadEntries(h, split, null);
            newestDay.accept(rows(h, newest, newest, now));
            loadEntries(h, earliest, split);
        } else {
            loadEntries(h, earliest, null);
        }
        return rows(h, from, to, now);
    }

    private List<DayRow> rows(Histories h, LocalDate from, LocalDate to, Instant now) {
        List<DayRow> rows = new ArrayList<>();
        for (LocalDate day = to; !day.isBefore(from); day = day.minusDays(1)) {
            Instant start = day.atStartOfDay(zone).toInstant();
            Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
            if (start.isAfter(now)) {
                continue;
            }
            Instant asOf = end.isAfter(now) ? now : end.minusSeconds(1);
            for (SystemName s : h.names) {
                BackupHistory history = h.history(s.id());
                List<RestoreTest> tests = history.testsBetween(start, end);
                rows.add(new DayRow(day, s, history.completedBetween(start, end), tests.isEmpty() ? null
                        : tests.get(tests.size() - 1).result(), rules.assess(history, day, day, asOf).status()));
            }
        }
        return rows;
    }

    private LocalDate day(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    private boolean reviewed(String testId) {
        return store.signatures().signatures(testId).stream().filter(SignatureCheck::intact).anyMatch(c ->
                REVIEW_MEANINGS.contains(c.signature().getMeaning()));
    }

    /**
     * Everything but the backup log.
     *
     * @param firstAsOf   the earliest moment a status will be asked for
     * @param lastAsOf    the latest
     * @param fullSystems whether to read the systems as records ({@link Histories#systems}) or only their ids and
     *                    names ({@link Histories#names}: much less to read)
     */
    private Histories loadRecords(Instant firstAsOf, Instant lastAsOf, boolean fullSystems) {
        Histories h = new Histories();
        Query systems = Query.of(QmsPackage.Literals.COMPUTERIZED_SYSTEM);
        if (fullSystems) {
            h.systems = store.list(systems).stream().map(ComputerizedSystem.class::cast).sorted(Comparator.comparing(
                    ComputerizedSystem::getName, String.CASE_INSENSITIVE_ORDER)).toList();
        } else {
            List<SystemName> names = new ArrayList<>();
            store.scan(systems, List.of(QmsPackage.Literals.RECORD__ID, QmsPackage.Literals.COMPUTERIZED_SYSTEM__NAME),
                    row -> names.add(new SystemName((String) row[0], (String) row[1])));
            names.sort(Comparator.comparing(SystemName::name, String.CASE_INSENSITIVE_ORDER));
            h.names = names;
        }
        for (Record r : store.list(Query.of(BackupPackage.Literals.BACKUP_POLICY))) {
            BackupPolicy p = (BackupPolicy) r;
            if (p.isActive()) {
                h.policies.putIfAbsent(Records.id(p.getSystem()), p);
            }
        }
        loadTestsAndChecks(h, firstAsOf, lastAsOf);
        return h;
    }

    /** Adds the log entries that started in [since, before) (null: unbounded) to the histories. */
    private void loadEntries(Histories h, Instant since, Instant before) {
        // the log can hold millions of entries: three values each, streamed, never whole records
        Query entries = Query.of(BackupPackage.Literals.BACKUP_LOG_ENTRY);
        if (since != null) {
            entries = entries.where(BackupPackage.Literals.BACKUP_LOG_ENTRY__STARTED_AT, Query.Op.AT_LEAST,
                    Date.from(since));
        }
        if (before != null) {
            entries = entries.where(BackupPackage.Literals.BACKUP_LOG_ENTRY__STARTED_AT, Query.Op.BELOW,
                    Date.from(before));
        }
        store.scan(entries, List.of(BackupPackage.Literals.BACKUP_LOG_ENTRY__SYSTEM,
                BackupPackage.Literals.BACKUP_LOG_ENTRY__STARTED_AT, BackupPackage.Literals.BACKUP_LOG_ENTRY__COMPLETED),
                row -> h.backups.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add(new Backup(
                        ((Date) row[1]).toInstant(), Boolean.TRUE.equals(row[2]))));
        h.built.clear();
    }

    private void loadTestsAndChecks(Histories h, Instant firstAsOf, Instant lastAsOf) {
        // tests as values; a review is looked up (a signature check: costly) only for the passed tests that can be
        // the newest passed one as of a moment in [firstAsOf, lastAsOf] — no status asked for depends on the others
        Map<String, List<Object[]>> tests = new HashMap<>();
        store.scan(Query.of(BackupPackage.Literals.RESTORATION_TEST), List.of(
                BackupPackage.Literals.RESTORATION_TEST__SYSTEM, BackupPackage.Literals.RESTORATION_TEST__TESTED_AT,
                BackupPackage.Literals.RESTORATION_TEST__RESULT, QmsPackage.Literals.RECORD__ID), row -> {
                    if (row[2] != null) {
                        tests.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add(row);
                    }
                });
        // which records carry a review signature at all: one read of the signatures' values, so that the signature
        // check (is it still intact?) runs only for those
        Set<String> signedForReview = new java.util.HashSet<>();
        store.scan(Query.of(QmsPackage.Literals.SIGNATURE), List.of(QmsPackage.Literals.SIGNATURE__RECORD,
                QmsPackage.Literals.SIGNATURE__MEANING), row -> {
                    if (REVIEW_MEANINGS.contains(row[1])) {
                        signedForReview.add((String) row[0]);
                    }
                });
        for (Map.Entry<String, List<Object[]>> e : tests.entrySet()) {
            List<RestoreTest> built = new ArrayList<>();
            String lastPassedBefore = null;
            Instant lastPassedBeforeAt = null;
            for (Object[] row : e.getValue()) {
                Instant at = ((Date) row[1]).toInstant();
                if (row[2] == RestoreResult.PASSED && !at.isAfter(firstAsOf) && (lastPassedBeforeAt == null || at
                        .isAfter(lastPassedBeforeAt))) {
                    lastPassedBeforeAt = at;
                    lastPassedBefore = (String) row[3];
                }
            }
            for (Object[] row : e.getValue()) {
                Instant at = ((Date) row[1]).toInstant();
                boolean needed = row[2] == RestoreResult.PASSED && (row[3].equals(lastPassedBefore) || at.isAfter(
                        firstAsOf) && !at.isAfter(lastAsOf));
                built.add(new RestoreTest(at, (RestoreResult) row[2], needed && signedForReview.contains(row[3])
                        && reviewed((String) row[3])));
            }
            h.tests.put(e.getKey(), built);
        }
        store.scan(Query.of(BackupPackage.Literals.REPOSITORY_CHECK), List.of(
                BackupPackage.Literals.REPOSITORY_CHECK__SYSTEM, BackupPackage.Literals.REPOSITORY_CHECK__CHECKED_AT,
                BackupPackage.Literals.REPOSITORY_CHECK__PASSED), row -> h.checks.computeIfAbsent((String) row[0],
                        k -> new ArrayList<>()).add(new Check(((Date) row[1]).toInstant(), Boolean.TRUE.equals(
                                row[2]))));
    }

    /** The facts the rules need, from a policy record. */
    public static Policy policy(BackupPolicy p) {
        List<Copy> copies = new ArrayList<>();
        for (BackupCopy c : p.getCopies()) {
            copies.add(new Copy(c.getSite(), c.isOffsite(), c.isEncrypted()));
        }
        return new Policy(Duration.ofHours(p.getRpoHours()), p.getFrequency(), p.getRestoreTestCadenceDays(),
                p.isEncryptionRequired(), p.isOffsiteCopyRequired(), copies);
    }

    private static final class Histories {
        List<ComputerizedSystem> systems;
        List<SystemName> names;
        final Map<String, BackupPolicy> policies = new HashMap<>();
        final Map<String, List<Backup>> backups = new HashMap<>();
        final Map<String, List<RestoreTest>> tests = new HashMap<>();
        final Map<String, List<Check>> checks = new HashMap<>();
        private final Map<String, BackupHistory> built = new HashMap<>();

        BackupHistory history(String systemId) {
            return built.computeIfAbsent(systemId, id -> {
                BackupPolicy p = policies.get(id);
                return new BackupHistory(p == null ? null : policy(p), backups.getOrDefault(id, List.of()),
                        tests.getOrDefault(id, List.of()), checks.getOrDefault(id, List.of()));
            });
        }
    }
}
