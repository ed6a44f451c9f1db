package qms.backup.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.backup.model.BackupPackage;
import qms.backup.model.BackupPolicy;
import qms.backup.model.BackupTool;
import qms.backup.model.RestorationTest;
import qms.backup.model.RestoreResult;
import qms.core.AccessDeniedException;
import qms.core.FindingCategories;
import qms.core.LinkDirection;
import qms.core.Query;
import qms.core.Records;
import qms.model.ComputerizedSystem;
import qms.model.EvidenceFile;
import qms.model.Finding;
import qms.model.FindingGrade;
import qms.model.FindingSource;
import qms.model.QmsPackage;
import qms.testing.TestRecords;

/**
 * Automated restoration tests against real restic and borg repositories made here: a healthy repository passes with
 * every file's SHA-256 verified; a repository with overwritten bytes fails (never passes) and raises a finding; a
 * cancelled run records nothing; temporary folders are removed.
 */
class AutomatedRestoreTest {

    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    static Path tools;
    @TempDir
    Path dir;

    static Path data;
    static Path passwordFile;
    static Path restic;
    static Path resticCorrupt;
    static Path borg;
    static Path borgCorrupt;

    @BeforeAll
    static void makeRepositories() throws Exception {
        data = RealTools.sampleData(tools.resolve("data"));
        passwordFile = Files.writeString(tools.resolve("repo.pass"), PASSWORD + "\n");
        RealTools t = new RealTools(Map.of("RESTIC_PASSWORD", PASSWORD, "BORG_PASSPHRASE", PASSWORD, "TZ", "UTC",
                "BORG_BASE_DIR", tools.resolve("borg-home").toString(), "RESTIC_CACHE_DIR", tools.resolve(
                        "restic-cache").toString()));
        restic = tools.resolve("restic-repo");
        t.ok("restic", "init", "--repo", restic.toString());
        t.ok("restic", "backup", "--repo", restic.toString(), "--host", "edc-db01", data.toString());
        resticCorrupt = tools.resolve("restic-corrupt");
        t.ok("cp", "-a", restic.toString(), resticCorrupt.toString());
        corruptLargest(resticCorrupt.resolve("data"));

        borg = tools.resolve("borg-repo");
        t.ok("borg", "init", "--encryption=repokey", borg.toString());
        t.ok("borg", "create", borg + "::etmf-2026-11-23", data.toString());
        borgCorrupt = tools.resolve("borg-corrupt");
        t.ok("cp", "-a", borg.toString(), borgCorrupt.toString());
        corruptLargest(borgCorrupt.resolve("data"));
    }

    /** Overwrites 16 bytes in the middle of the largest file: where the backed-up content is. */
    private static void corruptLargest(Path folder) throws Exception {
        Path largest;
        try (Stream<Path> files = Files.walk(folder)) {
            largest = files.filter(Files::isRegularFile).max(Comparator.comparingLong(p -> p.toFile().length()))
                    .orElseThrow();
        }
        largest.toFile().setWritable(true);
        try (RandomAccessFile f = new RandomAccessFile(largest.toFile(), "rw")) {
            f.seek(f.length() / 2);
            f.write("corrupted bytes!".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static BackupPolicy policy(BackupTestStore s, String name, BackupTool tool, Path repository) {
        ComputerizedSystem system = TestRecords.system(name);
        s.store.save(system, null);
        BackupPolicy p = Records.newRecord(BackupPackage.Literals.BACKUP_POLICY);
        p.setName(name + " backups");
        p.setSystem(system);
        p.setTool(tool);
        p.setRepository(repository.toString());
        p.setPasswordFile(passwordFile.toString());
        s.store.save(p, null);
        return p;
    }

    private static AutomatedRestore restore(BackupTestStore s) {
        return new AutomatedRestore(s.store, Clock.systemUTC());
    }

    private static long leftovers() throws Exception {
        try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return tmp.filter(p -> p.getFileName().toString().startsWith("qms-restore-test-")).count();
        }
    }

    @Test
    void aHealthyResticRepositoryPassesWithEveryFileVerifiedAndTheReportAsEvidence() throws Exception {
        try (BackupTestStore s = new BackupTestStore(dir)) {
            BackupPolicy p = policy(s, "EDC Database", BackupTool.RESTIC, restic);
            long before = leftovers();
            RestorationTest t = restore(s).run(p, null, AutomatedRestore.quiet());
            assertEquals(RestoreResult.PASSED, t.getResult(), t.getNotes());
            assertEquals(3, t.getFileCount());
            assertEquals(before, leftovers(), "the temporary folder is removed");
            EvidenceFile evidence = (EvidenceFile) s.store.get(Records.id(t.getEvidence()));
            String report = new String(s.store.readContent(evidence.getId()), StandardCharsets.UTF_8);
            for (String f : List.of("protocol.txt", "sub/subjects.csv", "sub/scan.bin")) {
                String sha = AutomatedRestore.sha256(data.resolve(f));
                assertTrue(report.contains("OK        " + sha + "  " + data.resolve(f)), "each file verified with"
                        + " its real hash: " + f + "\n" + report);
            }
            assertTrue(report.contains("Result: Passed"), report);
            assertEquals(AutomatedRestore.sha256(writeTemp(report)), evidence.getSha256(), "the evidence is hashed");
            assertEquals(0, s.store.count(Query.of(QmsPackage.Literals.FINDING)), "a pass raises nothing");
        }
    }

    @Test
    void aCorruptedResticRepositoryFailsAndRaisesAFindingLinkedToSystemTestAndEvidence() throws Exception {
        try (BackupTestStore s = new BackupTestStore(dir)) {
            BackupPolicy p = policy(s, "EDC Database", BackupTool.RESTIC, resticCorrupt);
            RestorationTest t = restore(s).run(p, null, AutomatedRestore.quiet());
            assertEquals(RestoreResult.FAILED, t.getResult(), "a corrupted repository never passes");
            assertFalse(t.getNotes().isBlank());
            List<Finding> findings = s.store.list(Query.of(QmsPackage.Literals.FINDING)).stream()
                    .map(Finding.class::cast).toList();
            assertEquals(1, findings.size());
            Finding f = (Finding) s.store.get(findings.get(0).getId()); // with its references loaded
            assertEquals(FindingSource.RAISED_BY_MODULE, f.getSource());
            assertEquals(FindingGrade.CRITICAL, f.getGrade(), "a high-criticality system");
            assertEquals(FindingCategories.FAILED_BACKUPS, f.getCategory().getName());
            assertTrue(f.getCategory().getTypicalImpact().startsWith("Data integrity"), "the default category"
                    + " with its typical impact");
            assertEquals(List.of(Records.id(p.getSystem())), f.getAffectedSystems().stream().map(Records::id)
                    .toList());
            List<String> linked = s.store.links(f.getId(), LinkDirection.BOTH).stream()
                    .map(l -> Records.id(l.getSource()).equals(f.getId()) ? Records.id(l.getTarget())
                            : Records.id(l.getSource())).toList();
            assertEquals(java.util.Set.of(t.getId(), Records.id(t.getEvidence())), java.util.Set.copyOf(linked),
                    "finding → test and evidence: " + linked);
        }
    }

    /** What restic check printed, standard output then error (as {@code 2>&1} gives it: the verdict is last). */
    private static Path checkOutput(Path repository, Path to, String password, String... options) throws Exception {
        RealTools t = new RealTools(Map.of("RESTIC_PASSWORD", password, "RESTIC_CACHE_DIR", tools.resolve(
                "restic-cache").toString()));
        List<String> command = RealTools.command("restic", "check", "--repo", repository.toString());
        command.addAll(List.of(options));
        RealTools.Run run = t.run(command.toArray(String[]::new));
        return Files.writeString(to, run.stdout() + run.stderr());
    }

    @Test
    void resticCheckOutputIsRecordedAsARepositoryCheckAndAFailedOneMakesTheSystemNonCompliant() throws Exception {
        Path healthy = checkOutput(restic, dir.resolve("check-healthy.txt"), PASSWORD);
        Path structureOnly = checkOutput(resticCorrupt, dir.resolve("check-structure.txt"), PASSWORD);
        Path damaged = checkOutput(resticCorrupt, dir.resolve("check-damaged.txt"), PASSWORD, "--read-data");
        Path wrongPassword = checkOutput(restic, dir.resolve("check-password.txt"), "not the password");
        try (BackupTestStore s = new BackupTestStore(dir.resolve("store"))) {
            BackupPolicy policy = policy(s, "EDC Database", BackupTool.RESTIC, restic);
            String repo = restic.toString();
            assertEquals(ImportFormat.RESTIC_CHECK, ImportFormat.guess(Files.readString(healthy)));

            BackupImporter.Result ok = BackupImporter.importAny(s.store, healthy, ImportFormat.RESTIC_CHECK, repo,
                    java.time.ZoneOffset.UTC);
            qms.backup.model.RepositoryCheck first = (qms.backup.model.RepositoryCheck) ok.created().get(0);
            assertTrue(first.isPassed());
            assertFalse(first.isDataRead());
            assertEquals(Records.id(policy.getSystem()), Records.id(first.getSystem()));
            assertEquals(Files.getLastModifiedTime(healthy).toInstant().getEpochSecond(), first.getCheckedAt()
                    .toInstant().getEpochSecond());
            EvidenceFile evidence = first.getEvidence();
            assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(healthy))), evidence.getSha256(), "the output is the evidence");
            assertEquals(0, BackupImporter.importAny(s.store, healthy, ImportFormat.RESTIC_CHECK, repo,
                    java.time.ZoneOffset.UTC).created().size(), "the same output is recorded once");

            // without --read-data, restic passes the damaged repository: recorded as passed, structure only
            qms.backup.model.RepositoryCheck shallow = (qms.backup.model.RepositoryCheck) BackupImporter.importAny(
                    s.store, structureOnly, ImportFormat.RESTIC_CHECK, repo, java.time.ZoneOffset.UTC).created()
                    .get(0);
            assertTrue(shallow.isPassed() && !shallow.isDataRead(), shallow.getToolOutput());
            assertTrue(shallow.getToolOutput().contains("misses damaged data"));

            qms.backup.model.RepositoryCheck failed = (qms.backup.model.RepositoryCheck) BackupImporter.importAny(
                    s.store, damaged, ImportFormat.RESTIC_CHECK, repo, java.time.ZoneOffset.UTC).created().get(0);
            assertFalse(failed.isPassed(), Files.readString(damaged));
            assertTrue(failed.isDataRead());
            assertTrue(failed.getTitle().endsWith(": errors found"), failed.getTitle());
            assertTrue(failed.getProblems().contains("Pack ID does not match") && failed.getProblems().contains(
                    "Fatal: repository contains errors"), failed.getProblems());

            java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
            BackupCompliance.SystemStatus status = new BackupCompliance(s.store, 14, java.time.ZoneOffset.UTC)
                    .assess(today, today, Instant.now().plusSeconds(1)).stream().filter(st -> st.system().getId()
                            .equals(Records.id(policy.getSystem()))).findFirst().orElseThrow();
            assertTrue(status.assessment().has(ComplianceRules.Rule.REPOSITORY_CHECK_FAILED), status.assessment()
                    .reasons().toString());

            ImportException refused = assertThrows(ImportException.class, () -> BackupImporter.importAny(s.store,
                    wrongPassword, ImportFormat.RESTIC_CHECK, repo, java.time.ZoneOffset.UTC));
            assertTrue(refused.getMessage().contains("restic could not check the repository, so this is no check:"
                    + " Fatal: wrong password"), refused.getMessage());
            List<String> lines = Files.readAllLines(damaged);
            Path cut = Files.write(dir.resolve("check-cut.txt"), lines.subList(0, lines.size() - 1));
            refused = assertThrows(ImportException.class, () -> BackupImporter.importAny(s.store, cut,
                    ImportFormat.RESTIC_CHECK, repo, java.time.ZoneOffset.UTC));
            assertTrue(refused.getMessage().contains("the output ends without restic's verdict"), refused
                    .getMessage());
            refused = assertThrows(ImportException.class, () -> BackupImporter.importAny(s.store, healthy,
                    ImportFormat.RESTIC_CHECK, "/srv/restic/other", java.time.ZoneOffset.UTC));
            assertTrue(refused.getMessage().contains("no active restic backup policy has the repository"
                    + " /srv/restic/other"), refused.getMessage());
            assertEquals(3, s.store.list(Query.of(BackupPackage.Literals.REPOSITORY_CHECK)).size());
        }
    }

    @Test
    void borgPassesOnAHealthyRepositoryAndFailsOnACorruptedOne() throws Exception {
        try (BackupTestStore s = new BackupTestStore(dir)) {
            BackupPolicy healthy = policy(s, "eTMF Repository", BackupTool.BORG, borg);
            RestorationTest ok = restore(s).run(healthy, null, AutomatedRestore.quiet());
            assertEquals(RestoreResult.PASSED, ok.getResult(), ok.getNotes());
            assertEquals("etmf-2026-11-23", ok.getBackupRestored());
            assertEquals(3, ok.getFileCount());

            BackupPolicy corrupt = policy(s, "eTMF Copy", BackupTool.BORG, borgCorrupt);
            corrupt.setFindingGrade(FindingGrade.MINOR);
            s.store.save(corrupt, null);
            RestorationTest failed = restore(s).run(corrupt, "etmf-2026-11-23", AutomatedRestore.quiet());
            assertEquals(RestoreResult.FAILED, failed.getResult());
            Finding f = (Finding) s.store.list(Query.of(QmsPackage.Literals.FINDING)).get(0);
            assertEquals(FindingGrade.MINOR, f.getGrade(), "the policy's configured grade");
        }
    }

    @Test
    void aCancelledRunRecordsNothingAndOnlyQaManagersRunTests() throws Exception {
        try (BackupTestStore s = new BackupTestStore(dir)) {
            BackupPolicy p = policy(s, "EDC Database", BackupTool.RESTIC, restic);
            long before = leftovers();
            int[] steps = { 0 };
            AutomatedRestore.Progress cancelAfterListing = new AutomatedRestore.Progress() {
                @Override
                public void step(String what) {
                    steps[0]++;
                }

                @Override
                public boolean cancelled() {
                    return steps[0] >= 2; // listed, now restoring: cancel
                }
            };
            assertThrows(CancellationException.class, () -> restore(s).run(p, null, cancelAfterListing));
            assertEquals(0, s.store.count(Query.of(BackupPackage.Literals.RESTORATION_TEST)));
            assertEquals(0, s.store.count(Query.of(QmsPackage.Literals.EVIDENCE_FILE)));
            assertEquals(before, leftovers());

            s.actAs(BackupTestStore.CONTRIBUTOR);
            assertThrows(AccessDeniedException.class, () -> restore(s).run(p, null, AutomatedRestore.quiet()));
            assertEquals(0, s.store.count(Query.of(BackupPackage.Literals.RESTORATION_TEST)));
        }
    }

    @Test
    void aNonCompliantStatusRaisesOneFindingNotOnePerRefresh() throws Exception {
        try (BackupTestStore s = new BackupTestStore(dir)) {
            ComputerizedSystem lims = TestRecords.system("LIMS");
            s.store.save(lims, null);
            BackupCompliance compliance = new BackupCompliance(s.store, 14, java.time.ZoneOffset.UTC);
            java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
            var statuses = compliance.assess(today.minusDays(7), today, Instant.now());
            List<Finding> first = FindingRaiser.forStatuses(s.store, statuses, Instant.now());
            assertEquals(1, first.size());
            assertEquals(FindingCategories.NO_BACKUP_POLICY, first.get(0).getCategory().getName());
            assertEquals(FindingGrade.MAJOR, first.get(0).getGrade());
            assertEquals(List.of(), FindingRaiser.forStatuses(s.store, compliance.assess(today.minusDays(7), today,
                    Instant.now()), Instant.now()), "the open finding is not raised again");
            assertEquals(1, s.store.count(Query.of(QmsPackage.Literals.FINDING)));
        }
    }

    @Test
    void theFindingsTaskListsOnADryRunRaisesOnceAndSaysWhenThereIsNothingToRaise() throws Exception {
        org.osgi.framework.BundleContext context = org.osgi.framework.FrameworkUtil.getBundle(
                BackupFindingsTask.class).getBundleContext();
        qms.core.HeadlessTask task = context.getServiceReferences(qms.core.HeadlessTask.class, null).stream()
                .map(context::getService).filter(t -> t.name().equals("backup-findings")).findFirst().orElseThrow(
                        () -> new AssertionError("no backup-findings task service"));
        try (BackupTestStore s = new BackupTestStore(dir)) {
            ComputerizedSystem lims = TestRecords.system("LIMS");
            s.store.save(lims, null);
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            java.io.PrintStream out = new java.io.PrintStream(bytes, true, StandardCharsets.UTF_8);

            assertEquals(0, task.execute(s.store, List.of("-task", "backup-findings", "-dryRun"), out));
            assertTrue(bytes.toString(StandardCharsets.UTF_8).startsWith("Would raise: Backups of LIMS are"
                    + " Non-Compliant (Major, AUTO-BC-"), bytes.toString(StandardCharsets.UTF_8));
            assertEquals(0, s.store.count(Query.of(QmsPackage.Literals.FINDING)), "a dry run writes nothing");

            bytes.reset();
            assertEquals(0, task.execute(s.store, List.of("-days", "7"), out));
            assertTrue(bytes.toString(StandardCharsets.UTF_8).startsWith("Raised: Backups of LIMS are Non-Compliant"),
                    bytes.toString(StandardCharsets.UTF_8));
            assertEquals(1, s.store.count(Query.of(QmsPackage.Literals.FINDING)));

            bytes.reset();
            assertEquals(BackupFindingsTask.NOTHING_TO_RAISE, task.execute(s.store, List.of(), out));
            assertTrue(bytes.toString(StandardCharsets.UTF_8).startsWith("No finding to raise: 1 system, each"),
                    bytes.toString(StandardCharsets.UTF_8));
            assertEquals(1, s.store.count(Query.of(QmsPackage.Literals.FINDING)), "not raised twice");
            IllegalArgumentException days = assertThrows(IllegalArgumentException.class, () -> task.execute(s.store,
                    List.of("-days", "a week"), out));
            assertEquals("-days a week is not a number of days", days.getMessage());
        }
    }

    private Path writeTemp(String text) throws Exception {
        return Files.writeString(dir.resolve("report.txt"), text, StandardCharsets.UTF_8);
    }
}
