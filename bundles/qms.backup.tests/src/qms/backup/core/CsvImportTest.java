package qms.backup.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.backup.model.BackupLogEntry;
import qms.backup.model.BackupPackage;
import qms.backup.model.RestorationTest;
import qms.backup.model.RestoreResult;
import qms.core.Query;
import qms.core.Records;
import qms.model.ComputerizedSystem;
import qms.testing.TestRecords;

/** The documented CSV layout: columns in any order, systems by name, all or nothing, idempotent. */
class CsvImportTest {

    @TempDir
    Path dir;

    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).minusDays(3);

    private CsvLogImporter importer(BackupTestStore s) {
        return new CsvLogImporter(s.store, Clock.systemUTC(), ZoneOffset.UTC, BackupOutputParser.DEFAULT_MAX_BYTES);
    }

    private static List<BackupLogEntry> log(BackupTestStore s) {
        return s.store.list(Query.of(BackupPackage.Literals.BACKUP_LOG_ENTRY)).stream()
                .map(BackupLogEntry.class::cast).sorted(Comparator.comparing(BackupLogEntry::getStartedAt)
                        .thenComparing(BackupLogEntry::getSnapshotId)).toList();
    }

    @Test
    void theComplianceLogColumnsImportAndReimportingAddsNothing() throws Exception {
        try (BackupTestStore s = new BackupTestStore(dir)) {
            ComputerizedSystem edc = TestRecords.system("EDC Database");
            ComputerizedSystem safety = TestRecords.system("Safety Database");
            s.store.save(List.of(edc, safety), null);
            Path csv = Files.writeString(dir.resolve("log.csv"), String.join("\r\n",
                    "System,Date,Backup Completed,Restoration Tested,Status,Size Bytes,Notes",
                    "EDC Database," + DAY + ",Yes,No,Compliant,1048576,nightly job",
                    "edc database," + DAY.plusDays(1) + ",No,No,Non-Compliant,,\"job failed, disk full\"",
                    "Safety Database," + DAY + "T02:00:00Z,Yes,Yes (Passed),Compliant,,",
                    "Safety Database," + DAY.plusDays(1) + ",Yes,Failed,,,") + "\r\n", StandardCharsets.UTF_8);
            s.actAs(BackupTestStore.CONTRIBUTOR);
            BackupImporter.Result r = importer(s).importFile(csv);
            assertEquals(4, r.read());
            assertEquals(4, r.created().size(), r.describe());
            List<BackupLogEntry> log = log(s);
            BackupLogEntry failed = log.stream().filter(e -> !e.isCompleted()).findFirst().orElseThrow();
            assertEquals(edc.getId(), Records.id(failed.getSystem()), "system names match regardless of case");
            assertEquals("csv:EDC Database:" + DAY.plusDays(1), failed.getSnapshotId());
            assertEquals("job failed, disk full", failed.getToolOutput());
            BackupLogEntry first = log.stream().filter(e -> e.getSnapshotId().equals("csv:EDC Database:" + DAY))
                    .findFirst().orElseThrow();
            assertEquals(DAY.atTime(12, 0).toInstant(ZoneOffset.UTC), first.getStartedAt().toInstant(),
                    "a date alone is noon of that day");
            assertEquals(DAY.atTime(2, 0).toInstant(ZoneOffset.UTC), log.get(0).getStartedAt().toInstant(),
                    "a date and time as written");
            assertTrue(log.stream().anyMatch(e -> e.getSizeBytes() == 1048576L));
            List<RestorationTest> tests = s.store.list(Query.of(BackupPackage.Literals.RESTORATION_TEST)).stream()
                    .map(RestorationTest.class::cast).sorted(Comparator.comparing(RestorationTest::getTestedAt))
                    .toList();
            assertEquals(List.of(RestoreResult.PASSED, RestoreResult.FAILED), tests.stream()
                    .map(RestorationTest::getResult).toList());

            BackupImporter.Result again = importer(s).importFile(csv);
            assertEquals(0, again.created().size());
            assertEquals(4, again.alreadyImported());
            assertEquals(4, log(s).size());
            assertEquals(2, s.store.count(Query.of(BackupPackage.Literals.RESTORATION_TEST)));
        }
    }

    @Test
    void badRowsNameLineAndColumnAndStoreNothing() throws Exception {
        try (BackupTestStore s = new BackupTestStore(dir)) {
            s.store.save(TestRecords.system("EDC Database"), null);
            String header = "Date,System,Backup Completed\n";
            String good = DAY + ",EDC Database,Yes\n";
            refused(s, "unknown.csv", header + good + DAY + ",LIMS,Yes\n",
                    "unknown.csv, line 3, field 'System': there is no computerized system named 'LIMS'");
            refused(s, "date.csv", header + good + "23/11/2026,EDC Database,Yes\n",
                    "date.csv, line 3, field 'Date': is not a date (2026-11-23)");
            refused(s, "future.csv", header + good + "2099-01-01,EDC Database,Yes\n",
                    "future.csv, line 3, field 'Date': the date 2099-01-01T12:00:00Z is in the future");
            refused(s, "yesno.csv", header + good + DAY + ",EDC Database,Maybe\n",
                    "yesno.csv, line 3, field 'Backup Completed': must be Yes or No, not \"Maybe\"");
            refused(s, "header.csv", "Day,System,Backup Completed\n" + good,
                    "header.csv, line 1: the header has no column 'Date'");
            refused(s, "size.csv", "Date,System,Backup Completed,Size Bytes\n" + DAY + ",EDC Database,Yes,-5\n",
                    "size.csv, line 2, field 'Size Bytes': is not a whole number of zero or more: \"-5\"");
            Path latin1 = Files.write(dir.resolve("latin1.csv"), (header + DAY + ",EDC Datab\u00e4se,Yes\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            ImportException e = assertThrows(ImportException.class, () -> importer(s).importFile(latin1));
            assertTrue(e.getMessage().startsWith("latin1.csv: is not UTF-8 text"), e.getMessage());
            assertEquals(List.of(), log(s), "nothing of any refused file is stored");
            assertFalse(s.store.count(Query.of(BackupPackage.Literals.RESTORATION_TEST)) > 0);
        }
    }

    private void refused(BackupTestStore s, String name, String content, String start) throws Exception {
        Path file = Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
        ImportException e = assertThrows(ImportException.class, () -> importer(s).importFile(file));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
        assertTrue(e.getMessage().endsWith("Nothing of " + file + " was imported."), e.getMessage());
    }
}
