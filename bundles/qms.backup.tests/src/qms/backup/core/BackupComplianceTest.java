package qms.backup.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.backup.core.BackupCompliance.DayRow;
import qms.backup.core.BackupCompliance.SystemStatus;
import qms.backup.core.ComplianceRules.Rule;
import qms.backup.model.BackupCopy;
import qms.backup.model.BackupLogEntry;
import qms.backup.model.BackupPackage;
import qms.backup.model.BackupPolicy;
import qms.backup.model.RestorationTest;
import qms.backup.model.RestoreResult;
import qms.backup.model.VerificationMethod;
import qms.core.Records;
import qms.model.ComputerizedSystem;
import qms.testing.TestRecords;

/**
 * The compliance status read from the store's records: policies with their copies, the backup log, restoration
 * tests and their review signatures.
 */
class BackupComplianceTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static ComputerizedSystem system(BackupTestStore s, String name) {
        ComputerizedSystem system = TestRecords.system(name);
        s.store.save(system, null);
        return system;
    }

    private static void policy(BackupTestStore s, ComputerizedSystem system, boolean offsiteEncrypted) {
        BackupPolicy p = Records.newRecord(BackupPackage.Literals.BACKUP_POLICY);
        p.setName(system.getName() + " backups");
        p.setSystem(system);
        BackupCopy onsite = Records.newRecord(BackupPackage.Literals.BACKUP_COPY);
        onsite.setSite("Frankfurt DC");
        onsite.setEncrypted(true);
        BackupCopy offsite = Records.newRecord(BackupPackage.Literals.BACKUP_COPY);
        offsite.setSite("Dublin (cloud)");
        offsite.setOffsite(true);
        offsite.setEncrypted(offsiteEncrypted);
        p.getCopies().addAll(List.of(onsite, offsite));
        s.store.save(p, null);
    }

    /** A completed backup at 01:00 on each of the last {@code days} days, today included. */
    private static void dailyBackups(BackupTestStore s, ComputerizedSystem system, int days) {
        List<BackupLogEntry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < days; i++) {
            BackupLogEntry e = Records.newRecord(BackupPackage.Literals.BACKUP_LOG_ENTRY);
            e.setSystem(system);
            e.setStartedAt(Date.from(TODAY.minusDays(i).atTime(1, 0).toInstant(ZoneOffset.UTC)));
            e.setSnapshotId(system.getName().substring(0, 3) + "-" + i);
            e.setCompleted(true);
            entries.add(e);
        }
        s.store.save(entries, null);
    }

    private static RestorationTest test(BackupTestStore s, ComputerizedSystem system, int daysAgo,
            RestoreResult result) {
        RestorationTest t = Records.newRecord(BackupPackage.Literals.RESTORATION_TEST);
        t.setTitle("Restore of " + system.getName());
        t.setSystem(system);
        t.setTestedAt(Date.from(TODAY.minusDays(daysAgo).atTime(10, 0).toInstant(ZoneOffset.UTC)));
        t.setResult(result);
        t.setVerificationMethod(VerificationMethod.CHECKSUMS);
        s.store.save(t, null);
        return t;
    }

    @Test
    void statusesComeFromPoliciesLogTestsAndReviewSignatures() throws Exception {
        try (BackupTestStore s = new BackupTestStore(dir)) {
            ComputerizedSystem edc = system(s, "EDC Database");
            ComputerizedSystem safety = system(s, "Safety Database");
            ComputerizedSystem etmf = system(s, "eTMF Repository");
            policy(s, edc, true);
            policy(s, safety, false);
            dailyBackups(s, edc, 40);
            dailyBackups(s, safety, 40);
            dailyBackups(s, etmf, 40);
            s.actAs(BackupTestStore.CONTRIBUTOR);
            RestorationTest edcTest = test(s, edc, 20, RestoreResult.PASSED);
            test(s, safety, 20, RestoreResult.PASSED);
            test(s, safety, 5, RestoreResult.FAILED);
            s.actAs(BackupTestStore.QA);

            BackupCompliance compliance = new BackupCompliance(s.store, 14, ZoneOffset.UTC);
            Instant now = Instant.now();
            List<SystemStatus> all = compliance.assess(TODAY.minusDays(30), TODAY, now);
            assertEquals(List.of("eTMF Repository", "Safety Database", "EDC Database"), all.stream()
                    .map(st -> st.system().getName()).toList(), "worst first, then by name");
            SystemStatus etmfStatus = all.get(0);
            assertEquals(ComplianceStatus.NON_COMPLIANT, etmfStatus.assessment().status());
            assertTrue(etmfStatus.assessment().has(Rule.NO_POLICY));
            assertNull(etmfStatus.policy());
            SystemStatus safetyStatus = all.get(1);
            assertTrue(safetyStatus.assessment().has(Rule.FAILED_RESTORE), safetyStatus.assessment().toString());
            assertTrue(safetyStatus.assessment().has(Rule.ENCRYPTION), "the unencrypted off-site copy");
            SystemStatus edcStatus = all.get(2);
            assertEquals(ComplianceStatus.AT_RISK, edcStatus.assessment().status(), edcStatus.assessment()
                    .toString());
            assertEquals(List.of(Rule.REVIEW_PENDING), edcStatus.assessment().reasons().stream()
                    .map(ComplianceRules.Reason::rule).toList(), "passed, but nobody reviewed it");

            s.store.signatures().sign(edcTest.getId(), BackupTestStore.QA.userId(), BackupTestStore.QA_PASSWORD
                    .toCharArray(), "Reviewed");
            SystemStatus reviewed = compliance.assess(TODAY.minusDays(30), TODAY, now).stream()
                    .filter(st -> st.system().getId().equals(edc.getId())).findFirst().orElseThrow();
            assertEquals(ComplianceStatus.COMPLIANT, reviewed.assessment().status(), reviewed.assessment()
                    .toString());
            assertEquals(TODAY.minusDays(20).plusDays(90), reviewed.assessment().nextRestoreTestDue());

            List<DayRow> log = compliance.daily(TODAY.minusDays(6), TODAY, now);
            assertEquals(7 * 3, log.size(), "a row per day and system");
            assertEquals(TODAY, log.get(0).date(), "newest first");
            DayRow failedDay = log.stream().filter(r -> r.date().equals(TODAY.minusDays(5))
                    && r.system().id().equals(safety.getId())).findFirst().orElseThrow();
            assertEquals(RestoreResult.FAILED, failedDay.restorationTested());
            assertTrue(failedDay.backupCompleted());
            assertEquals(ComplianceStatus.NON_COMPLIANT, failedDay.status());
            DayRow edcToday = log.stream().filter(r -> r.date().equals(TODAY) && r.system().id()
                    .equals(edc.getId())).findFirst().orElseThrow();
            assertEquals(ComplianceStatus.COMPLIANT, edcToday.status());
            assertNull(edcToday.restorationTested());
        }
    }

    @Test
    void theNewestDayComesFirstAndTheFullLogIsTheSameAsDayByDay() throws Exception {
        try (BackupTestStore s = new BackupTestStore(dir)) {
            ComputerizedSystem edc = system(s, "EDC Database");
            ComputerizedSystem lims = system(s, "LIMS");
            system(s, "eTMF Repository");
            policy(s, edc, true);
            policy(s, lims, true);
            dailyBackups(s, edc, 12);
            // the LIMS missed two days (3 and 4 days ago)
            List<BackupLogEntry> lims12 = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                if (i != 3 && i != 4) {
                    BackupLogEntry e = Records.newRecord(BackupPackage.Literals.BACKUP_LOG_ENTRY);
                    e.setSystem(lims);
                    e.setStartedAt(Date.from(TODAY.minusDays(i).atTime(1, 0).toInstant(ZoneOffset.UTC)));
                    e.setSnapshotId("lims-" + i);
                    e.setCompleted(true);
                    lims12.add(e);
                }
            }
            s.store.save(lims12, null);
            test(s, edc, 20, RestoreResult.PASSED);
            test(s, lims, 20, RestoreResult.PASSED);
            BackupCompliance compliance = new BackupCompliance(s.store, 14, ZoneOffset.UTC);
            Instant now = Instant.now();

            List<List<DayRow>> first = new java.util.ArrayList<>();
            List<DayRow> log = compliance.daily(TODAY.minusDays(9), TODAY, now, first::add);
            assertEquals(1, first.size(), "the newest day is handed over once, before the rest");
            assertEquals(lines(log.subList(0, 3)), lines(first.get(0)), "the same rows as the newest day of the full log");
            List<DayRow> dayByDay = new java.util.ArrayList<>();
            for (int i = 0; i <= 9; i++) {
                dayByDay.addAll(compliance.daily(TODAY.minusDays(i), TODAY.minusDays(i), now));
            }
            assertEquals(lines(dayByDay), lines(log), "the older days read after the newest one give the statuses each day has on"
                    + " its own");
            List<ComplianceStatus> lims4to2 = log.stream().filter(r -> r.system().id().equals(lims.getId())
                    && !r.date().isBefore(TODAY.minusDays(4)) && !r.date().isAfter(TODAY.minusDays(2))).map(
                            DayRow::status).toList();
            assertEquals(List.of(ComplianceStatus.AT_RISK, ComplianceStatus.NON_COMPLIANT,
                    ComplianceStatus.NON_COMPLIANT), lims4to2, "2 days ago only the review is pending; 3 and 4 days"
                    + " ago had no backup (read in the second part)");
            List<List<DayRow>> single = new java.util.ArrayList<>();
            List<DayRow> today = compliance.daily(TODAY, TODAY, now, single::add);
            assertEquals(List.of(), single, "a one-day period has no older days to wait for");
            assertEquals(lines(log.subList(0, 3)), lines(today));
        }
    }

    /** A row as text (each computation reads its own copies of the systems). */
    private static List<String> lines(List<DayRow> rows) {
        return rows.stream().map(r -> r.date() + " " + r.system().id() + " " + r.backupCompleted() + " " + r
                .restorationTested() + " " + r.status()).toList();
    }
}
