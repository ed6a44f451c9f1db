package qms.backup.core;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

import qms.backup.core.BackupHistory.Copy;
import qms.backup.core.BackupHistory.Policy;
import qms.backup.core.BackupHistory.RestoreTest;
import qms.backup.model.BackupFrequency;
import qms.backup.model.RestoreResult;

/**
 * The compliance status of a system's backups for a period, computed from its policy and history, never typed in.
 * Each rule adds a reason with its own status; the system's status is the worst of them (Compliant without any):
 * <ul>
 * <li>{@link Rule#NO_POLICY}: no active backup policy → Non-Compliant.</li>
 * <li>{@link Rule#RPO}: no completed backup, or the newest is older than the RPO → Non-Compliant (exactly the RPO
 * is still within it).</li>
 * <li>{@link Rule#MISSING_BACKUPS}: a day (daily or hourly policy), Monday-to-Sunday week (weekly) or calendar month
 * (monthly) inside the period, already over, without a completed backup → Non-Compliant, each one listed.</li>
 * <li>{@link Rule#RESTORE_TEST_OVERDUE}: no passed restoration test within the cadence → Non-Compliant (a test exactly
 * the cadence ago still counts); {@link Rule#RESTORE_TEST_DUE_SOON}: the next one is due within the warning days
 * (default 14, the due day included) → At Risk.</li>
 * <li>{@link Rule#REVIEW_PENDING}: the newest passed test has no review signature yet → At Risk.</li>
 * <li>{@link Rule#FAILED_RESTORE}: a failed test not followed by a passed one → Non-Compliant;
 * {@link Rule#PARTIAL_RESTORE}: the same for a partial result → At Risk.</li>
 * <li>{@link Rule#REPOSITORY_CHECK_FAILED}: the backup tool's check of the repository found errors and neither a
 * check nor a restoration test has passed since → Non-Compliant.</li>
 * <li>{@link Rule#OFFSITE_COPY}: an off-site copy is required and none is recorded → Non-Compliant;
 * {@link Rule#ENCRYPTION}: encryption is required and a copy is not encrypted → Non-Compliant.</li>
 * </ul>
 * Dates are calendar days in the given time zone; "as of" is the moment the status describes.
 */
public final class ComplianceRules {

    /** Days before a restoration test falls due from which the system is At Risk, by default. */
    public static final int DEFAULT_DUE_SOON_DAYS = 14;

    public enum Rule {
        NO_POLICY, RPO, MISSING_BACKUPS, RESTORE_TEST_OVERDUE, RESTORE_TEST_DUE_SOON, REVIEW_PENDING, FAILED_RESTORE,
        PARTIAL_RESTORE, REPOSITORY_CHECK_FAILED, OFFSITE_COPY, ENCRYPTION
    }

    /** Why a system is not compliant. */
    public record Reason(Rule rule, ComplianceStatus status, String text) {
    }

    /** The outcome: the worst status, each reason, and when the next restoration test is due (null: overdue/none). */
    public record Assessment(ComplianceStatus status, List<Reason> reasons, LocalDate nextRestoreTestDue) {

        public Assessment {
            reasons = List.copyOf(reasons);
        }

        public boolean has(Rule rule) {
            return reasons.stream().anyMatch(r -> r.rule() == rule);
        }
    }

    private final int dueSoonDays;
    private final ZoneId zone;

    public ComplianceRules(int dueSoonDays, ZoneId zone) {
        if (dueSoonDays < 0) {
            throw new IllegalArgumentException("The warning days before a restoration test is due must not be"
                    + " negative: " + dueSoonDays);
        }
        this.dueSoonDays = dueSoonDays;
        this.zone = zone;
    }

    /** The status for the days {@code from} to {@code to} (both included), as of {@code asOf}. */
    public Assessment assess(BackupHistory history, LocalDate from, LocalDate to, Instant asOf) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("The period ends (" + to + ") before it starts (" + from + ")");
        }
        List<Reason> reasons = new ArrayList<>();
        Policy policy = history.policy();
        if (policy == null) {
            reasons.add(new Reason(Rule.NO_POLICY, ComplianceStatus.NON_COMPLIANT,
                    "No active backup policy for this system"));
            return result(reasons, null);
        }
        backups(history, policy, from, to, asOf, reasons);
        LocalDate due = restoreTests(history, policy, asOf, reasons);
        checks(history, asOf, reasons);
        copies(policy, reasons);
        return result(reasons, due);
    }

    private void backups(BackupHistory history, Policy policy, LocalDate from, LocalDate to, Instant asOf,
            List<Reason> reasons) {
        Instant last = history.lastCompletedBackup(asOf);
        if (last == null) {
            reasons.add(new Reason(Rule.RPO, ComplianceStatus.NON_COMPLIANT, "No completed backup on record"));
        } else if (Duration.between(last, asOf).compareTo(policy.rpo()) > 0) {
            reasons.add(new Reason(Rule.RPO, ComplianceStatus.NON_COMPLIANT, "The last completed backup ("
                    + day(last) + ") is " + Duration.between(last, asOf).toHours() + " h old, older than the RPO of "
                    + policy.rpo().toHours() + " h"));
        }
        List<LocalDate> missing = new ArrayList<>();
        for (LocalDate start = firstBucket(policy.frequency(), from); !start.isAfter(to);
                start = nextBucket(policy.frequency(), start)) {
            LocalDate end = nextBucket(policy.frequency(), start);
            Instant endsAt = end.atStartOfDay(zone).toInstant();
            if (end.isAfter(to.plusDays(1)) || endsAt.isAfter(asOf)) {
                break; // a bucket that reaches past the period or is not over yet is not judged
            }
            if (!history.completedBetween(start.atStartOfDay(zone).toInstant(), endsAt)) {
                missing.add(start);
            }
        }
        if (!missing.isEmpty()) {
            reasons.add(new Reason(Rule.MISSING_BACKUPS, ComplianceStatus.NON_COMPLIANT, missingText(policy
                    .frequency(), missing)));
        }
    }

    private LocalDate restoreTests(BackupHistory history, Policy policy, Instant asOf, List<Reason> reasons) {
        RestoreTest passed = history.lastPassedTest(asOf);
        LocalDate due = null;
        if (passed == null) {
            reasons.add(new Reason(Rule.RESTORE_TEST_OVERDUE, ComplianceStatus.NON_COMPLIANT,
                    "No passed restoration test on record"));
        } else {
            Instant dueAt = passed.at().plus(Duration.ofDays(policy.restoreTestCadenceDays()));
            if (asOf.isAfter(dueAt)) {
                reasons.add(new Reason(Rule.RESTORE_TEST_OVERDUE, ComplianceStatus.NON_COMPLIANT, "No passed"
                        + " restoration test within " + policy.restoreTestCadenceDays() + " days (the last passed on "
                        + day(passed.at()) + ")"));
            } else {
                due = day(dueAt);
                long daysLeft = ChronoUnit.DAYS.between(day(asOf), due);
                if (daysLeft <= dueSoonDays) {
                    reasons.add(new Reason(Rule.RESTORE_TEST_DUE_SOON, ComplianceStatus.AT_RISK, "The next"
                            + " restoration test is due on " + due + ", in " + daysLeft + " day(s)"));
                }
            }
            if (!passed.reviewed()) {
                reasons.add(new Reason(Rule.REVIEW_PENDING, ComplianceStatus.AT_RISK, "The restoration test of "
                        + day(passed.at()) + " passed but its review is not signed yet"));
            }
        }
        RestoreTest unsuccessful = history.lastUnsuccessfulTest(asOf);
        if (unsuccessful != null && (passed == null || passed.at().isBefore(unsuccessful.at()))) {
            boolean failed = unsuccessful.result() == RestoreResult.FAILED;
            reasons.add(new Reason(failed ? Rule.FAILED_RESTORE : Rule.PARTIAL_RESTORE,
                    failed ? ComplianceStatus.NON_COMPLIANT : ComplianceStatus.AT_RISK, "The restoration test of "
                            + day(unsuccessful.at()) + " " + (failed ? "failed" : "was only partly successful")
                            + " and no test has passed since"));
        }
        return due;
    }

    private void checks(BackupHistory history, Instant asOf, List<Reason> reasons) {
        Instant failed = history.lastFailedCheck(asOf);
        if (failed == null) {
            return;
        }
        Instant passedCheck = history.lastPassedCheck(asOf);
        RestoreTest passedTest = history.lastPassedTest(asOf);
        if ((passedCheck == null || !passedCheck.isAfter(failed)) && (passedTest == null || !passedTest.at()
                .isAfter(failed))) {
            reasons.add(new Reason(Rule.REPOSITORY_CHECK_FAILED, ComplianceStatus.NON_COMPLIANT, "The repository"
                    + " check of " + day(failed) + " found errors and neither a check nor a restoration test has"
                    + " passed since"));
        }
    }

    private static void copies(Policy policy, List<Reason> reasons) {
        if (policy.offsiteCopyRequired() && policy.copies().stream().noneMatch(Copy::offsite)) {
            reasons.add(new Reason(Rule.OFFSITE_COPY, ComplianceStatus.NON_COMPLIANT,
                    "An off-site copy is required but none is recorded"));
        }
        if (policy.encryptionRequired()) {
            for (Copy c : policy.copies()) {
                if (!c.encrypted()) {
                    reasons.add(new Reason(Rule.ENCRYPTION, ComplianceStatus.NON_COMPLIANT, "The copy at "
                            + c.site() + " is not encrypted, but encryption is required"));
                }
            }
        }
    }

    private static Assessment result(List<Reason> reasons, LocalDate due) {
        ComplianceStatus status = ComplianceStatus.COMPLIANT;
        for (Reason r : reasons) {
            status = status.worst(r.status());
        }
        return new Assessment(status, reasons, due);
    }

    private LocalDate day(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    private static LocalDate firstBucket(BackupFrequency frequency, LocalDate from) {
        return switch (frequency) {
            case WEEKLY -> from.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
            case MONTHLY -> from.getDayOfMonth() == 1 ? from : from.with(TemporalAdjusters.firstDayOfNextMonth());
            default -> from;
        };
    }

    private static LocalDate nextBucket(BackupFrequency frequency, LocalDate start) {
        return switch (frequency) {
            case WEEKLY -> start.plusWeeks(1);
            case MONTHLY -> start.plusMonths(1);
            default -> start.plusDays(1);
        };
    }

    private static String missingText(BackupFrequency frequency, List<LocalDate> missing) {
        String unit = switch (frequency) {
            case WEEKLY -> "week(s) starting";
            case MONTHLY -> "month(s) starting";
            default -> "day(s)";
        };
        List<String> shown = missing.stream().limit(10).map(LocalDate::toString).toList();
        return "No completed backup on " + missing.size() + " " + unit + ": " + String.join(", ", shown)
                + (missing.size() > shown.size() ? ", …" : "");
    }
}
