package qms.backup.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import qms.backup.core.BackupHistory.Backup;
import qms.backup.core.BackupHistory.Copy;
import qms.backup.core.BackupHistory.Policy;
import qms.backup.core.BackupHistory.RestoreTest;
import qms.backup.core.ComplianceRules.Assessment;
import qms.backup.core.ComplianceRules.Rule;
import qms.backup.model.BackupFrequency;
import qms.backup.model.RestoreResult;

/**
 * The compliance rules on constructed histories: one test per rule and per boundary. A healthy history — daily
 * backups at 01:00, a reviewed restoration test passed 30 days ago, an encrypted on-site and off-site copy — is
 * Compliant; each test breaks one thing.
 */
class ComplianceRulesTest {

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final LocalDate FROM = LocalDate.of(2026, 10, 1);
    private static final LocalDate TO = LocalDate.of(2026, 10, 31);
    /** The status is asked at noon of the day after the period. */
    private static final Instant AS_OF = at(2026, 11, 1, 12, 0);

    private final ComplianceRules rules = new ComplianceRules(ComplianceRules.DEFAULT_DUE_SOON_DAYS, UTC);

    private static Instant at(int y, int m, int d, int h, int min) {
        return LocalDateTime.of(y, m, d, h, min).toInstant(ZoneOffset.UTC);
    }

    private static Policy policy(BackupFrequency frequency, List<Copy> copies) {
        return new Policy(Duration.ofHours(24), frequency, 90, true, true, copies);
    }

    private static Policy healthyPolicy() {
        return policy(BackupFrequency.DAILY, List.of(new Copy("Frankfurt DC", false, true),
                new Copy("Dublin (cloud)", true, true)));
    }

    /** Daily backups at 01:00 from a month before the period up to the day of the status. */
    private static List<Backup> dailyBackups() {
        List<Backup> b = new ArrayList<>();
        for (LocalDate d = FROM.minusMonths(1); !d.isAfter(LocalDate.of(2026, 11, 1)); d = d.plusDays(1)) {
            b.add(new Backup(d.atTime(1, 0).toInstant(ZoneOffset.UTC), true));
        }
        return b;
    }

    private static List<RestoreTest> passedThirtyDaysAgo() {
        return List.of(new RestoreTest(AS_OF.minus(Duration.ofDays(30)), RestoreResult.PASSED, true));
    }

    private Assessment assess(Policy policy, List<Backup> backups, List<RestoreTest> tests, Instant asOf) {
        return rules.assess(new BackupHistory(policy, backups, tests), FROM, TO, asOf);
    }

    private static void assertOnly(Assessment a, ComplianceStatus status, Rule rule) {
        assertEquals(status, a.status(), a.reasons().toString());
        assertEquals(List.of(rule), a.reasons().stream().map(ComplianceRules.Reason::rule).toList(),
                a.reasons().toString());
    }

    @Test
    void aHealthyHistoryIsCompliant() {
        Assessment a = assess(healthyPolicy(), dailyBackups(), passedThirtyDaysAgo(), AS_OF);
        assertEquals(ComplianceStatus.COMPLIANT, a.status(), a.reasons().toString());
        assertTrue(a.reasons().isEmpty());
        assertEquals(LocalDate.of(2026, 12, 31), a.nextRestoreTestDue(), "90 days after Oct 2");
    }

    @Test
    void noPolicyIsNonCompliant() {
        Assessment a = assess(null, dailyBackups(), passedThirtyDaysAgo(), AS_OF);
        assertOnly(a, ComplianceStatus.NON_COMPLIANT, Rule.NO_POLICY);
    }

    @Test
    void aLastBackupOlderThanTheRpoIsNonCompliantExactlyTheRpoIsNot() {
        Instant last = at(2026, 11, 1, 1, 0); // the newest backup
        Assessment exactly = assess(healthyPolicy(), dailyBackups(), passedThirtyDaysAgo(), last.plus(Duration
                .ofHours(24)));
        assertFalse(exactly.has(Rule.RPO), exactly.reasons().toString());
        Assessment older = assess(healthyPolicy(), dailyBackups(), passedThirtyDaysAgo(), last.plus(Duration
                .ofHours(24)).plusSeconds(1));
        assertTrue(older.has(Rule.RPO), older.reasons().toString());
        assertEquals(ComplianceStatus.NON_COMPLIANT, older.status());
        assertTrue(older.reasons().get(0).text().contains("older than the RPO of 24 h"), older.reasons().toString());
    }

    @Test
    void noCompletedBackupAtAllIsNonCompliant() {
        List<Backup> failedOnly = List.of(new Backup(at(2026, 10, 31, 1, 0), false));
        Assessment a = assess(healthyPolicy(), failedOnly, passedThirtyDaysAgo(), AS_OF);
        assertTrue(a.has(Rule.RPO));
        assertEquals("No completed backup on record", a.reasons().get(0).text());
    }

    @Test
    void aDayWithoutACompletedBackupIsListedAndNonCompliant() {
        List<Backup> backups = new ArrayList<>(dailyBackups());
        backups.removeIf(b -> b.at().equals(at(2026, 10, 14, 1, 0)));
        backups.replaceAll(b -> b.at().equals(at(2026, 10, 20, 1, 0)) ? new Backup(b.at(), false) : b);
        Assessment a = assess(healthyPolicy(), backups, passedThirtyDaysAgo(), AS_OF);
        assertOnly(a, ComplianceStatus.NON_COMPLIANT, Rule.MISSING_BACKUPS);
        assertEquals("No completed backup on 2 day(s): 2026-10-14, 2026-10-20", a.reasons().get(0).text());
    }

    @Test
    void dayBoundariesFollowTheTimeZoneAndADayNotOverYetIsNotJudged() {
        // a backup at 23:30 UTC on Oct 13 is Oct 14 in Berlin: in Berlin time Oct 14 has it and Oct 13 has none
        List<Backup> backups = new ArrayList<>(dailyBackups());
        backups.removeIf(b -> b.at().equals(at(2026, 10, 13, 1, 0)) || b.at().equals(at(2026, 10, 14, 1, 0)));
        backups.add(new Backup(at(2026, 10, 13, 23, 30), true));
        ComplianceRules berlin = new ComplianceRules(14, ZoneId.of("Europe/Berlin"));
        Assessment a = berlin.assess(new BackupHistory(healthyPolicy(), backups, passedThirtyDaysAgo()), FROM, TO,
                AS_OF);
        assertTrue(a.reasons().stream().anyMatch(r -> r.text().equals("No completed backup on 1 day(s): 2026-10-13")),
                a.reasons().toString());
        // the last day of the period, asked at 18:00 that day, is not judged yet
        List<Backup> withoutLastDay = new ArrayList<>(dailyBackups());
        withoutLastDay.removeIf(b -> !b.at().isBefore(at(2026, 10, 31, 0, 0)));
        Assessment today = assess(healthyPolicy(), withoutLastDay, passedThirtyDaysAgo(), at(2026, 10, 31, 18, 0));
        assertFalse(today.has(Rule.MISSING_BACKUPS), today.reasons().toString());
    }

    @Test
    void weeklyPoliciesAreJudgedByWholeWeeksInThePeriod() {
        Policy weekly = new Policy(Duration.ofDays(8), BackupFrequency.WEEKLY, 90, true, true,
                healthyPolicy().copies());
        // Sundays only, but the one of Oct 18 is missing: the week from Monday Oct 12 has none
        List<Backup> sundays = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2026, 9, 27); d.isBefore(LocalDate.of(2026, 11, 2)); d = d.plusWeeks(1)) {
            if (!d.equals(LocalDate.of(2026, 10, 18))) {
                sundays.add(new Backup(d.atTime(3, 0).toInstant(ZoneOffset.UTC), true));
            }
        }
        Assessment a = assess(weekly, sundays, passedThirtyDaysAgo(), AS_OF);
        assertOnly(a, ComplianceStatus.NON_COMPLIANT, Rule.MISSING_BACKUPS);
        assertEquals("No completed backup on 1 week(s) starting: 2026-10-12", a.reasons().get(0).text());
    }

    @Test
    void noPassedRestoreTestWithinTheCadenceIsNonCompliantExactlyTheCadenceIsNot() {
        Instant passedAt = AS_OF.minus(Duration.ofDays(90));
        Assessment exactly = assess(healthyPolicy(), dailyBackups(), List.of(new RestoreTest(passedAt,
                RestoreResult.PASSED, true)), AS_OF);
        assertFalse(exactly.has(Rule.RESTORE_TEST_OVERDUE), exactly.reasons().toString());
        assertTrue(exactly.has(Rule.RESTORE_TEST_DUE_SOON), "due today is due soon");
        Assessment overdue = assess(healthyPolicy(), dailyBackups(), List.of(new RestoreTest(passedAt.minusSeconds(1),
                RestoreResult.PASSED, true)), AS_OF);
        assertOnly(overdue, ComplianceStatus.NON_COMPLIANT, Rule.RESTORE_TEST_OVERDUE);
        assertNull(overdue.nextRestoreTestDue());
        Assessment none = assess(healthyPolicy(), dailyBackups(), List.of(), AS_OF);
        assertOnly(none, ComplianceStatus.NON_COMPLIANT, Rule.RESTORE_TEST_OVERDUE);
    }

    @Test
    void aRestoreTestDueWithinFourteenDaysIsAtRiskFifteenIsNot() {
        // due = passed + 90 days; 14 days left: passed 76 days ago; 15 days left: 75 days ago
        Assessment fourteen = assess(healthyPolicy(), dailyBackups(), List.of(new RestoreTest(AS_OF.minus(Duration
                .ofDays(76)), RestoreResult.PASSED, true)), AS_OF);
        assertOnly(fourteen, ComplianceStatus.AT_RISK, Rule.RESTORE_TEST_DUE_SOON);
        assertTrue(fourteen.reasons().get(0).text().endsWith("in 14 day(s)"), fourteen.reasons().toString());
        Assessment fifteen = assess(healthyPolicy(), dailyBackups(), List.of(new RestoreTest(AS_OF.minus(Duration
                .ofDays(75)), RestoreResult.PASSED, true)), AS_OF);
        assertEquals(ComplianceStatus.COMPLIANT, fifteen.status(), fifteen.reasons().toString());
        // the warning days are configurable
        Assessment thirty = new ComplianceRules(30, UTC).assess(new BackupHistory(healthyPolicy(), dailyBackups(),
                List.of(new RestoreTest(AS_OF.minus(Duration.ofDays(75)), RestoreResult.PASSED, true))), FROM, TO,
                AS_OF);
        assertTrue(thirty.has(Rule.RESTORE_TEST_DUE_SOON));
        assertThrows(IllegalArgumentException.class, () -> new ComplianceRules(-1, UTC));
    }

    @Test
    void aPassedTestPendingReviewIsAtRisk() {
        Assessment a = assess(healthyPolicy(), dailyBackups(), List.of(new RestoreTest(AS_OF.minus(Duration
                .ofDays(30)), RestoreResult.PASSED, false)), AS_OF);
        assertOnly(a, ComplianceStatus.AT_RISK, Rule.REVIEW_PENDING);
    }

    @Test
    void aFailedTestNotFollowedByAPassIsNonCompliantAndAPassClearsIt() {
        RestoreTest passed = new RestoreTest(AS_OF.minus(Duration.ofDays(30)), RestoreResult.PASSED, true);
        RestoreTest failed = new RestoreTest(AS_OF.minus(Duration.ofDays(10)), RestoreResult.FAILED, false);
        Assessment a = assess(healthyPolicy(), dailyBackups(), List.of(passed, failed), AS_OF);
        assertOnly(a, ComplianceStatus.NON_COMPLIANT, Rule.FAILED_RESTORE);
        assertTrue(a.reasons().get(0).text().contains("2026-10-22 failed"), a.reasons().toString());

        RestoreTest passedAgain = new RestoreTest(AS_OF.minus(Duration.ofDays(2)), RestoreResult.PASSED, true);
        Assessment cleared = assess(healthyPolicy(), dailyBackups(), List.of(passed, failed, passedAgain), AS_OF);
        assertEquals(ComplianceStatus.COMPLIANT, cleared.status(), cleared.reasons().toString());
        // as of a moment before the new pass, the failure still counts
        Assessment before = assess(healthyPolicy(), dailyBackups(), List.of(passed, failed, passedAgain),
                AS_OF.minus(Duration.ofDays(3)));
        assertTrue(before.has(Rule.FAILED_RESTORE));
    }

    @Test
    void aFailedRepositoryCheckIsNonCompliantUntilACheckOrARestorationTestPassesAfterIt() {
        BackupHistory.Check failed = new BackupHistory.Check(AS_OF.minus(Duration.ofDays(3)), false);
        Assessment a = rules.assess(new BackupHistory(healthyPolicy(), dailyBackups(), passedThirtyDaysAgo(), List.of(
                new BackupHistory.Check(AS_OF.minus(Duration.ofDays(20)), true), failed)), FROM, TO, AS_OF);
        assertOnly(a, ComplianceStatus.NON_COMPLIANT, Rule.REPOSITORY_CHECK_FAILED);
        assertTrue(a.reasons().get(0).text().startsWith("The repository check of 2026-10-29 found errors"),
                a.reasons().toString());

        // a check passed at the very second of the failed one does not clear it; one a second later does
        BackupHistory.Check sameSecond = new BackupHistory.Check(failed.at(), true);
        assertTrue(rules.assess(new BackupHistory(healthyPolicy(), dailyBackups(), passedThirtyDaysAgo(), List.of(
                failed, sameSecond)), FROM, TO, AS_OF).has(Rule.REPOSITORY_CHECK_FAILED));
        BackupHistory.Check later = new BackupHistory.Check(failed.at().plusSeconds(1), true);
        assertEquals(ComplianceStatus.COMPLIANT, rules.assess(new BackupHistory(healthyPolicy(), dailyBackups(),
                passedThirtyDaysAgo(), List.of(failed, later)), FROM, TO, AS_OF).status());

        // a restoration test that passed after the failed check clears it too; as of before the check it was fine
        List<RestoreTest> passedAfter = List.of(passedThirtyDaysAgo().get(0), new RestoreTest(failed.at()
                .plusSeconds(60), RestoreResult.PASSED, true));
        assertEquals(ComplianceStatus.COMPLIANT, rules.assess(new BackupHistory(healthyPolicy(), dailyBackups(),
                passedAfter, List.of(failed)), FROM, TO, AS_OF).status());
        assertEquals(ComplianceStatus.COMPLIANT, rules.assess(new BackupHistory(healthyPolicy(), dailyBackups(),
                passedThirtyDaysAgo(), List.of(failed)), FROM, TO, failed.at().minusSeconds(1)).status());
    }

    @Test
    void aPartialResultNotFollowedByAPassIsAtRisk() {
        Assessment a = assess(healthyPolicy(), dailyBackups(), List.of(new RestoreTest(AS_OF.minus(Duration
                .ofDays(30)), RestoreResult.PASSED, true), new RestoreTest(AS_OF.minus(Duration.ofDays(5)),
                        RestoreResult.PARTIAL, true)), AS_OF);
        assertOnly(a, ComplianceStatus.AT_RISK, Rule.PARTIAL_RESTORE);
    }

    @Test
    void aMissingOffsiteCopyIsNonCompliantUnlessNotRequired() {
        List<Copy> onsiteOnly = List.of(new Copy("Frankfurt DC", false, true));
        Assessment a = assess(policy(BackupFrequency.DAILY, onsiteOnly), dailyBackups(), passedThirtyDaysAgo(), AS_OF);
        assertOnly(a, ComplianceStatus.NON_COMPLIANT, Rule.OFFSITE_COPY);
        Policy notRequired = new Policy(Duration.ofHours(24), BackupFrequency.DAILY, 90, true, false, onsiteOnly);
        assertEquals(ComplianceStatus.COMPLIANT, assess(notRequired, dailyBackups(), passedThirtyDaysAgo(), AS_OF)
                .status());
    }

    @Test
    void anUnencryptedCopyIsNonCompliantWhereEncryptionIsRequired() {
        List<Copy> copies = List.of(new Copy("Frankfurt DC", false, true), new Copy("Tape vault", true, false));
        Assessment a = assess(policy(BackupFrequency.DAILY, copies), dailyBackups(), passedThirtyDaysAgo(), AS_OF);
        assertOnly(a, ComplianceStatus.NON_COMPLIANT, Rule.ENCRYPTION);
        assertEquals("The copy at Tape vault is not encrypted, but encryption is required",
                a.reasons().get(0).text());
        Policy notRequired = new Policy(Duration.ofHours(24), BackupFrequency.DAILY, 90, false, true, copies);
        assertEquals(ComplianceStatus.COMPLIANT, assess(notRequired, dailyBackups(), passedThirtyDaysAgo(), AS_OF)
                .status());
    }

    @Test
    void theWorstReasonDecidesAndEveryReasonIsListed() {
        List<Copy> copies = List.of(new Copy("Frankfurt DC", false, true));
        Assessment a = assess(policy(BackupFrequency.DAILY, copies), dailyBackups(), List.of(new RestoreTest(
                AS_OF.minus(Duration.ofDays(80)), RestoreResult.PASSED, false)), AS_OF);
        assertEquals(ComplianceStatus.NON_COMPLIANT, a.status());
        assertEquals(List.of(Rule.RESTORE_TEST_DUE_SOON, Rule.REVIEW_PENDING, Rule.OFFSITE_COPY),
                a.reasons().stream().map(ComplianceRules.Reason::rule).toList());
        assertThrows(IllegalArgumentException.class, () -> rules.assess(new BackupHistory(healthyPolicy(), List.of(),
                List.of()), TO, FROM, AS_OF));
    }
}
