package qms.backup.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import qms.backup.model.BackupFrequency;
import qms.backup.model.RestoreResult;

/**
 * What the compliance rules judge for one system: its policy (or none) and its backups and restoration tests, kept
 * sorted by time so that a status as of any moment costs a few binary searches, not a scan. Plain values, no store:
 * the rules are tested on constructed histories, and the store side builds one from records.
 */
public final class BackupHistory {

    /** The policy's requirements. */
    public record Policy(Duration rpo, BackupFrequency frequency, int restoreTestCadenceDays,
            boolean encryptionRequired, boolean offsiteCopyRequired, List<Copy> copies) {

        public Policy {
            Objects.requireNonNull(rpo, "rpo");
            Objects.requireNonNull(frequency, "frequency");
            copies = List.copyOf(copies);
        }
    }

    /** One place where backups are kept. */
    public record Copy(String site, boolean offsite, boolean encrypted) {
    }

    /** One backup run: when it started and whether it completed. */
    public record Backup(Instant at, boolean completed) {

        public Backup {
            Objects.requireNonNull(at, "at");
        }
    }

    /** One restoration test: when, its result, and whether its review is signed. */
    public record RestoreTest(Instant at, RestoreResult result, boolean reviewed) {

        public RestoreTest {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(result, "result");
        }
    }

    /** One check of the repository's integrity by the backup tool: when, and whether it found no errors. */
    public record Check(Instant at, boolean passed) {

        public Check {
            Objects.requireNonNull(at, "at");
        }
    }

    private final Policy policy;
    private final long[] passedChecks;
    private final long[] failedChecks;
    private final long[] completed;
    private final RestoreTest[] tests;
    private final long[] testTimes;
    private final int[] lastPassedUpTo;
    private final int[] lastFailedUpTo;

    /** @param policy null when the system has no (active) policy */
    public BackupHistory(Policy policy, Collection<Backup> backups, Collection<RestoreTest> restoreTests) {
        this(policy, backups, restoreTests, List.of());
    }

    /** @param policy null when the system has no (active) policy */
    public BackupHistory(Policy policy, Collection<Backup> backups, Collection<RestoreTest> restoreTests,
            Collection<Check> checks) {
        this.policy = policy;
        this.passedChecks = checks.stream().filter(Check::passed).mapToLong(c -> c.at().getEpochSecond()).sorted()
                .toArray();
        this.failedChecks = checks.stream().filter(c -> !c.passed()).mapToLong(c -> c.at().getEpochSecond())
                .sorted().toArray();
        this.completed = backups.stream().filter(Backup::completed).mapToLong(b -> b.at().getEpochSecond()).sorted()
                .toArray();
        this.tests = restoreTests.stream().sorted(Comparator.comparing(RestoreTest::at)).toArray(RestoreTest[]::new);
        this.testTimes = Arrays.stream(tests).mapToLong(t -> t.at().getEpochSecond()).toArray();
        this.lastPassedUpTo = new int[tests.length];
        this.lastFailedUpTo = new int[tests.length];
        int passed = -1;
        int failed = -1;
        for (int i = 0; i < tests.length; i++) {
            if (tests[i].result() == RestoreResult.PASSED) {
                passed = i;
            } else {
                failed = i;
            }
            lastPassedUpTo[i] = passed;
            lastFailedUpTo[i] = failed;
        }
    }

    public Policy policy() {
        return policy;
    }

    /** The start of the newest completed backup at or before {@code asOf}, or null. */
    public Instant lastCompletedBackup(Instant asOf) {
        int i = lastAtOrBefore(completed, asOf.getEpochSecond());
        return i < 0 ? null : Instant.ofEpochSecond(completed[i]);
    }

    /** Whether a backup completed in [from, to). */
    public boolean completedBetween(Instant from, Instant to) {
        int i = lastAtOrBefore(completed, to.getEpochSecond() - 1);
        return i >= 0 && completed[i] >= from.getEpochSecond();
    }

    /** The newest passed restoration test at or before {@code asOf}, or null. */
    public RestoreTest lastPassedTest(Instant asOf) {
        int i = lastAtOrBefore(testTimes, asOf.getEpochSecond());
        return i < 0 || lastPassedUpTo[i] < 0 ? null : tests[lastPassedUpTo[i]];
    }

    /** The newest test that did not pass (failed or partial) at or before {@code asOf}, or null. */
    public RestoreTest lastUnsuccessfulTest(Instant asOf) {
        int i = lastAtOrBefore(testTimes, asOf.getEpochSecond());
        return i < 0 || lastFailedUpTo[i] < 0 ? null : tests[lastFailedUpTo[i]];
    }

    /** The newest repository check at or before {@code asOf} that found errors, or null. */
    public Instant lastFailedCheck(Instant asOf) {
        int i = lastAtOrBefore(failedChecks, asOf.getEpochSecond());
        return i < 0 ? null : Instant.ofEpochSecond(failedChecks[i]);
    }

    /** The newest repository check at or before {@code asOf} that found no errors, or null. */
    public Instant lastPassedCheck(Instant asOf) {
        int i = lastAtOrBefore(passedChecks, asOf.getEpochSecond());
        return i < 0 ? null : Instant.ofEpochSecond(passedChecks[i]);
    }

    /** The restoration tests in [from, to), oldest first. */
    public List<RestoreTest> testsBetween(Instant from, Instant to) {
        int first = lastAtOrBefore(testTimes, from.getEpochSecond() - 1) + 1;
        int last = lastAtOrBefore(testTimes, to.getEpochSecond() - 1);
        return last < first ? List.of() : Arrays.asList(tests).subList(first, last + 1);
    }

    /** Index of the last element ≤ value, or -1. */
    private static int lastAtOrBefore(long[] sorted, long value) {
        int i = Arrays.binarySearch(sorted, value);
        if (i >= 0) {
            while (i + 1 < sorted.length && sorted[i + 1] == value) {
                i++;
            }
            return i;
        }
        return -i - 2;
    }
}
