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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.backup.model.BackupLogEntry;
import qms.backup.model.BackupPackage;
import qms.backup.model.BackupPolicy;
import qms.backup.model.BackupTool;
import qms.backup.model.LogSource;
import qms.core.AccessDeniedException;
import qms.core.Query;
import qms.core.Records;
import qms.model.ComputerizedSystem;
import qms.testing.TestRecords;

/**
 * Imports the output of the real tools — restic and borg run on temporary data in {@link #makeFixtures} — into a
 * real store: matching to systems through the policies, idempotent re-import, and malformed input (truncated, wrong
 * types, unknown system, future dates, not UTF-8, too large, not the expected output) that stores nothing.
 */
class BackupImportTest {

    @TempDir
    static Path tools;
    @TempDir
    Path dir;

    static Path resticSnapshots;
    static Path borgList;
    static Path borgInfo;
    static Path borgCreate;
    static Path borgRepo;
    static String borgCreateJson;
    static Path resticBackup;
    static Path resticBackupSnapshots;
    static Path resticRepo2;

    @BeforeAll
    static void makeFixtures() throws Exception {
        Path data = RealTools.sampleData(tools.resolve("data"));
        RealTools t = new RealTools(Map.of("RESTIC_PASSWORD", "correct horse battery staple", "BORG_PASSPHRASE",
                "correct horse battery staple", "TZ", "UTC", "BORG_BASE_DIR", tools.resolve("borg-home").toString(),
                "RESTIC_CACHE_DIR", tools.resolve("restic-cache").toString()));
        String restic = tools.resolve("restic-repo").toString();
        t.ok("restic", "init", "--repo", restic);
        t.ok("restic", "backup", "--repo", restic, "--host", "edc-db01", "--tag", "edc", data.toString());
        t.ok("restic", "backup", "--repo", restic, "--host", "safety-db", "--tag", "safety", data.toString());
        resticSnapshots = Files.writeString(tools.resolve("snapshots.json"), t.ok("restic", "snapshots", "--repo",
                restic, "--json"));

        resticRepo2 = tools.resolve("restic-repo2");
        t.ok("restic", "init", "--repo", resticRepo2.toString());
        resticBackup = Files.writeString(tools.resolve("backup.json"), t.ok("restic", "backup", "--json", "--repo",
                resticRepo2.toString(), "--host", "ctms-app", data.toString()));
        resticBackupSnapshots = Files.writeString(tools.resolve("snapshots2.json"), t.ok("restic", "snapshots",
                "--repo", resticRepo2.toString(), "--json"));

        borgRepo = tools.resolve("borg-repo");
        t.ok("borg", "init", "--encryption=repokey", borgRepo.toString());
        borgCreateJson = t.ok("borg", "create", "--json", borgRepo + "::etmf-2026-11-22", data.toString());
        borgCreate = Files.writeString(tools.resolve("create.json"), borgCreateJson);
        t.ok("borg", "create", borgRepo + "::etmf-2026-11-23", data.toString());
        borgList = Files.writeString(tools.resolve("list.json"), t.ok("borg", "list", "--json", borgRepo
                .toString()));
        borgInfo = Files.writeString(tools.resolve("info.json"), t.ok("borg", "info", "--json", borgRepo
                + "::etmf-2026-11-22"));
    }

    private static BackupImporter importer(BackupTestStore s) {
        return new BackupImporter(s.store, new BackupOutputParser(ZoneOffset.UTC,
                BackupOutputParser.DEFAULT_MAX_BYTES), Clock.systemUTC());
    }

    private static ComputerizedSystem system(BackupTestStore s, String name) {
        ComputerizedSystem system = TestRecords.system(name);
        s.store.save(system, null);
        return system;
    }

    private static BackupPolicy policy(BackupTestStore s, ComputerizedSystem system, BackupTool tool, String host,
            String tag, String repository) {
        BackupPolicy p = Records.newRecord(BackupPackage.Literals.BACKUP_POLICY);
        p.setName(system.getName() + " backups");
        p.setSystem(system);
        p.setTool(tool);
        p.setMatchHost(host);
        p.setMatchTag(tag);
        p.setRepository(repository);
        s.store.save(p, null);
        return p;
    }

    private static List<BackupLogEntry> log(BackupTestStore s) {
        return s.store.list(Query.of(BackupPackage.Literals.BACKUP_LOG_ENTRY)).stream()
                .map(BackupLogEntry.class::cast).sorted(Comparator.comparing(BackupLogEntry::getStartedAt)).toList();
    }

    private static List<String> ids(Path file, String field) throws Exception {
        Matcher m = Pattern.compile("\"" + field + "\":\\s*\"([0-9a-f]{64})\"").matcher(Files.readString(file));
        List<String> ids = new java.util.ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    @Test
    void resticSnapshotsAreMatchedByHostAndTagAndReimportingAddsNothing() throws Exception {
        try (BackupTestStore s = new BackupTestStore(dir)) {
            ComputerizedSystem edc = system(s, "EDC Database");
            ComputerizedSystem safety = system(s, "Safety Database");
            policy(s, edc, BackupTool.RESTIC, "edc-db01", "edc", null);

            ImportException unknown = assertThrows(ImportException.class, () -> importer(s).importFile(
                    resticSnapshots, ImportFormat.RESTIC_SNAPSHOTS, null));
            assertEquals("hostname", unknown.field());
            assertTrue(unknown.getMessage().startsWith("snapshots.json, line 1, field 'hostname': no active restic"
                    + " backup policy matches backup"), unknown.getMessage());
            assertTrue(unknown.getMessage().contains("host safety-db, tags safety, no repository"),
                    unknown.getMessage());
            assertTrue(unknown.getMessage().endsWith("Nothing of " + resticSnapshots + " was imported."));
            assertEquals(List.of(), log(s), "the matching snapshot of the same file is not stored either");

            policy(s, safety, BackupTool.RESTIC, "safety-db", null, null);
            s.actAs(BackupTestStore.CONTRIBUTOR);
            BackupImporter.Result first = importer(s).importFile(resticSnapshots, ImportFormat.RESTIC_SNAPSHOTS,
                    null);
            assertEquals(2, first.created().size(), first.describe());
            List<BackupLogEntry> log = log(s);
            assertEquals(ids(resticSnapshots, "id"), log.stream().map(BackupLogEntry::getSnapshotId).toList(),
                    "one entry per snapshot, with restic's full snapshot id, oldest first");
            assertEquals(List.of(edc.getId(), safety.getId()), log.stream().map(e -> Records.id(e.getSystem())).toList());
            for (BackupLogEntry e : log) {
                assertTrue(e.isCompleted());
                assertEquals(LogSource.IMPORTED, e.getSource());
                assertTrue(e.getSourceFile().startsWith("snapshots.json (restic snapshots --json, line 1)"),
                        e.getSourceFile());
                long age = Instant.now().getEpochSecond() - e.getStartedAt().toInstant().getEpochSecond();
                assertTrue(age >= 0 && age < 600, "restic's own time of the snapshot, a moment ago: " + age + " s");
            }
            assertTrue(log.get(0).getToolOutput().contains("on edc-db01 (tags edc)"), log.get(0).getToolOutput());

            BackupImporter.Result again = importer(s).importFile(resticSnapshots, ImportFormat.RESTIC_SNAPSHOTS,
                    null);
            assertEquals(0, again.created().size());
            assertEquals(2, again.alreadyImported());
            assertEquals(2, log(s).size(), "re-importing the same file adds nothing");
        }
    }

    @Test
    void resticBackupOutputIsMatchedByItsRepositoryAndIsTheSnapshotThatSnapshotsListsInFull() throws Exception {
        try (BackupTestStore s = new BackupTestStore(dir)) {
            ComputerizedSystem ctms = system(s, "CTMS");
            policy(s, ctms, BackupTool.RESTIC, "ctms-app", null, resticRepo2.toString());
            ImportException noRepository = assertThrows(ImportException.class, () -> importer(s).importFile(
                    resticBackup, ImportFormat.RESTIC_BACKUP, null));
            assertTrue(noRepository.getMessage().startsWith("backup.json: 'restic backup --json' names neither the"
                    + " host nor the repository"), noRepository.getMessage());
            ImportException otherRepository = assertThrows(ImportException.class, () -> importer(s).importFile(
                    resticBackup, ImportFormat.RESTIC_BACKUP, "/srv/restic/other"));
            assertTrue(otherRepository.getMessage().contains("repository /srv/restic/other): the system is"
                    + " unknown"), otherRepository.getMessage());

            BackupImporter.Result result = importer(s).importFile(resticBackup, ImportFormat.RESTIC_BACKUP,
                    resticRepo2.toString());
            assertEquals(1, result.created().size(), result.describe());
            BackupLogEntry entry = log(s).get(0);
            String fullId = ids(resticBackupSnapshots, "id").get(0);
            assertEquals(fullId.substring(0, 8), entry.getSnapshotId(), "restic 0.14 names the snapshot by its"
                    + " short id");
            assertTrue(entry.isCompleted());
            assertTrue(entry.getToolOutput().startsWith("restic backup snapshot " + fullId.substring(0, 8)
                    + ", 3 files"), entry.getToolOutput());
            Matcher time = Pattern.compile("\"time\":\"([^\"]+)\"").matcher(Files.readString(
                    resticBackupSnapshots));
            assertTrue(time.find());
            long skew = Math.abs(java.time.OffsetDateTime.parse(time.group(1)).toEpochSecond()
                    - entry.getStartedAt().toInstant().getEpochSecond());
            assertTrue(skew <= 5, "the start taken from the file's time less the duration is the snapshot's time,"
                    + " give or take: " + skew + " s");

            BackupImporter.Result snapshots = importer(s).importFile(resticBackupSnapshots,
                    ImportFormat.RESTIC_SNAPSHOTS, resticRepo2.toString());
            assertEquals(0, snapshots.created().size(), "the snapshot is in the log under its short id already");
            assertEquals(1, snapshots.alreadyImported());
            assertEquals(0, importer(s).importFile(resticBackup, ImportFormat.RESTIC_BACKUP, resticRepo2
                    .toString()).created().size());

            // the other order: the full id first, then the short one
            s.store.delete(entry, "test: import in the other order", false);
            assertEquals(1, importer(s).importFile(resticBackupSnapshots, ImportFormat.RESTIC_SNAPSHOTS,
                    resticRepo2.toString()).created().size());
            assertEquals(0, importer(s).importFile(resticBackup, ImportFormat.RESTIC_BACKUP, resticRepo2
                    .toString()).created().size());
            assertEquals(List.of(fullId), log(s).stream().map(BackupLogEntry::getSnapshotId).toList());
        }
    }

    @Test
    void aResticBackupThatEndsBeforeItsSummaryIsLoggedAsNotCompletedOnce() throws Exception {
        try (BackupTestStore s = new BackupTestStore(dir)) {
            policy(s, system(s, "CTMS"), BackupTool.RESTIC, null, null, resticRepo2.toString());
            List<String> lines = Files.readAllLines(resticBackup);
            assertTrue(lines.get(lines.size() - 1).startsWith("{\"message_type\":\"summary\""));
            Path interrupted = Files.write(dir.resolve("interrupted.json"), lines.subList(0, lines.size() - 1));
            assertEquals(1, importer(s).importFile(interrupted, ImportFormat.RESTIC_BACKUP, resticRepo2.toString())
                    .created().size());
            BackupLogEntry entry = log(s).get(0);
            assertFalse(entry.isCompleted());
            assertEquals("restic backup did not finish: the output ends before restic's summary",
                    entry.getToolOutput());
            assertEquals(0, importer(s).importFile(interrupted, ImportFormat.RESTIC_BACKUP, resticRepo2.toString())
                    .created().size(), "the same unfinished run is logged once");

            Path twoRuns = Files.writeString(dir.resolve("two-runs.json"), Files.readString(resticBackup) + Files
                    .readString(resticBackup));
            ImportException e = assertThrows(ImportException.class, () -> importer(s).importFile(twoRuns,
                    ImportFormat.RESTIC_BACKUP, resticRepo2.toString()));
            assertEquals("message_type", e.field());
            assertTrue(e.getMessage().contains("a second summary"), e.getMessage());
            assertEquals(1, log(s).size());
        }
    }

    @Test
    void theFormatIsGuessedFromTheFilesStart() throws Exception {
        for (Map.Entry<Path, ImportFormat> e : Map.of(resticSnapshots, ImportFormat.RESTIC_SNAPSHOTS, resticBackup,
                ImportFormat.RESTIC_BACKUP, borgList, ImportFormat.BORG_LIST, borgInfo, ImportFormat.BORG_INFO,
                borgCreate, ImportFormat.BORG_CREATE).entrySet()) {
            assertEquals(e.getValue(), ImportFormat.guess(Files.readString(e.getKey())), e.getKey().toString());
        }
        assertEquals(ImportFormat.CSV, ImportFormat.guess("Date,System,Backup Completed\n"));
    }

    @Test
    void theCommandLineTaskIsAServiceThatGuessesTheFormatAndNamesWhatIsWrong() throws Exception {
        org.osgi.framework.BundleContext context = org.osgi.framework.FrameworkUtil.getBundle(
                BackupImportTask.class).getBundleContext();
        qms.core.HeadlessTask task = context.getServiceReferences(qms.core.HeadlessTask.class, null).stream()
                .map(context::getService).filter(t -> t.name().equals("backup-import")).findFirst().orElseThrow(
                        () -> new AssertionError("no backup-import task service"));
        try (BackupTestStore s = new BackupTestStore(dir)) {
            policy(s, system(s, "CTMS"), BackupTool.RESTIC, null, null, resticRepo2.toString());
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            java.io.PrintStream out = new java.io.PrintStream(bytes, true, StandardCharsets.UTF_8);

            IllegalArgumentException noFile = assertThrows(IllegalArgumentException.class, () -> task.run(s.store,
                    List.of("-task", "backup-import"), out));
            assertTrue(noFile.getMessage().startsWith("-file is missing"), noFile.getMessage());
            IllegalArgumentException badFormat = assertThrows(IllegalArgumentException.class, () -> task.run(
                    s.store, List.of("-file", resticBackup.toString(), "-format", "restic"), out));
            assertTrue(badFormat.getMessage().contains("restic-snapshots, restic-backup"), badFormat.getMessage());
            ImportException noRepository = assertThrows(ImportException.class, () -> task.run(s.store, List.of(
                    "-file", resticBackup.toString()), out));
            assertTrue(noRepository.getMessage().contains("give the repository"), noRepository.getMessage());

            assertTrue(task.run(s.store, List.of("-dataDir", "/ignored", "-file", resticBackup.toString(),
                    "-repository", resticRepo2.toString()), out));
            assertEquals("backup.json (restic backup --json): 1 backup(s) read, 1 added to the backup log, 0 already"
                    + " there (format guessed from the file; give -format restic-backup to be explicit).",
                    bytes.toString(StandardCharsets.UTF_8).strip());
            assertEquals(1, log(s).size());
        }
    }

    @Test
    void anAuditorCannotImport() throws Exception {
        try (BackupTestStore s = new BackupTestStore(dir)) {
            policy(s, system(s, "EDC Database"), BackupTool.RESTIC, "edc-db01", null, null);
            policy(s, system(s, "Safety Database"), BackupTool.RESTIC, "safety-db", null, null);
            s.actAs(BackupTestStore.AUDITOR);
            assertThrows(AccessDeniedException.class, () -> importer(s).importFile(resticSnapshots,
                    ImportFormat.RESTIC_SNAPSHOTS, null));
            assertEquals(List.of(), log(s));
        }
    }

    @Test
    void borgArchivesAreMatchedByRepositoryWithBorgsTimesAndIdsFromListInfoAndCreate() throws Exception {
        try (BackupTestStore s = new BackupTestStore(dir)) {
            ComputerizedSystem etmf = system(s, "eTMF Repository");
            BackupPolicy other = policy(s, system(s, "LIMS"), BackupTool.BORG, null, null, "/srv/other-repo");
            ImportException noMatch = assertThrows(ImportException.class, () -> importer(s).importFile(borgList,
                    ImportFormat.BORG_LIST, null));
            assertEquals("name", noMatch.field());
            assertTrue(noMatch.getMessage().contains("repository " + borgRepo), noMatch.getMessage());

            policy(s, etmf, BackupTool.BORG, null, null, borgRepo + "/");
            BackupImporter.Result list = importer(s).importFile(borgList, ImportFormat.BORG_LIST, null);
            assertEquals(2, list.created().size(), list.describe());
            List<BackupLogEntry> log = log(s);
            List<String> archiveIds = ids(borgList, "id");
            Matcher repositoryId = Pattern.compile("\"repository\":\\s*\\{[^}]*\"id\":\\s*\"([0-9a-f]{64})\"")
                    .matcher(Files.readString(borgList));
            assertTrue(repositoryId.find());
            archiveIds.remove(repositoryId.group(1));
            // both archives may start in the same second (borg writes whole seconds): compare without order
            assertEquals(archiveIds.stream().sorted().toList(), log.stream().map(BackupLogEntry::getSnapshotId)
                    .sorted().toList());
            assertTrue(log.stream().allMatch(e -> Records.id(e.getSystem()).equals(etmf.getId())));
            BackupLogEntry first = log.stream().filter(e -> e.getToolOutput().startsWith(
                    "borg archive etmf-2026-11-22")).findFirst().orElseThrow();

            // borg writes local times without an offset; run with TZ=UTC they are read as UTC
            Matcher start = Pattern.compile("\"start\":\\s*\"([^\"]+)\"").matcher(borgCreateJson);
            assertTrue(start.find());
            Instant created = LocalDateTime.parse(start.group(1)).toInstant(ZoneOffset.UTC);
            assertEquals(created.getEpochSecond(), first.getStartedAt().toInstant().getEpochSecond());

            assertEquals(0, importer(s).importFile(borgInfo, ImportFormat.BORG_INFO, null).created().size(),
                    "the same archive from borg info is already in the log");
            assertEquals(0, importer(s).importFile(borgCreate, ImportFormat.BORG_CREATE, null).created().size(),
                    "and from borg create");
            assertEquals(2, log(s).size());
            assertTrue(other.isActive());
        }
    }

    @Test
    void malformedFilesAreRefusedNamingFileLineAndFieldAndStoreNothing() throws Exception {
        try (BackupTestStore s = new BackupTestStore(dir)) {
            policy(s, system(s, "EDC Database"), BackupTool.RESTIC, "edc-db01", null, null);
            policy(s, system(s, "Safety Database"), BackupTool.RESTIC, "safety-db", null, null);
            String good = Files.readString(resticSnapshots);

            Path truncated = Files.writeString(dir.resolve("truncated.json"), good.substring(0, good.length() / 2));
            assertRefused(s, truncated, ImportFormat.RESTIC_SNAPSHOTS, "truncated.json, line 1: the file ends in the"
                    + " middle of the JSON");

            Path wrongType = Files.writeString(dir.resolve("wrong-type.json"), good.replaceFirst(
                    "\"hostname\":\"edc-db01\"", "\"hostname\":42"));
            ImportException e = assertRefused(s, wrongType, ImportFormat.RESTIC_SNAPSHOTS,
                    "wrong-type.json, line 1, field '[0].hostname': must be text, not the number 42");
            assertEquals("[0].hostname", e.field());

            Path future = Files.writeString(dir.resolve("future.json"), good.replaceFirst("\"time\":\"\\d{4}",
                    "\"time\":\"2099"));
            assertRefused(s, future, ImportFormat.RESTIC_SNAPSHOTS, "future.json, line 1, field 'time': backup ");
            assertTrue(assertRefused(s, future, ImportFormat.RESTIC_SNAPSHOTS, "").getMessage().contains(
                    "in the future"));

            Path badTime = Files.writeString(dir.resolve("bad-time.json"), good.replaceFirst("\"time\":\"[^\"]+\"",
                    "\"time\":\"yesterday\""));
            assertRefused(s, badTime, ImportFormat.RESTIC_SNAPSHOTS, "bad-time.json, line 1, field '[0].time': is"
                    + " not a date and time with an offset (RFC 3339): \"yesterday\"");

            byte[] latin1 = good.replaceFirst("edc-db01", "edc-db\u00e901").getBytes(StandardCharsets.ISO_8859_1);
            Path notUtf8 = Files.write(dir.resolve("latin1.json"), latin1);
            assertRefused(s, notUtf8, ImportFormat.RESTIC_SNAPSHOTS, "latin1.json, line 1: is not UTF-8 text");

            Path huge = dir.resolve("huge.json");
            try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
                f.setLength(200L << 20); // sparse: 200 MB on paper
            }
            assertRefused(s, huge, ImportFormat.RESTIC_SNAPSHOTS, "huge.json: the file has 200 MB; at most 100 MB");

            Path text = Files.writeString(dir.resolve("check.txt"), "using temporary cache\nno errors were found\n");
            assertRefused(s, text, ImportFormat.RESTIC_SNAPSHOTS, "check.txt, line 1: is not valid JSON");
            assertRefused(s, borgList, ImportFormat.RESTIC_SNAPSHOTS, "list.json, line 1: expected the list of"
                    + " snapshots that 'restic snapshots --json' prints");
            assertRefused(s, resticSnapshots, ImportFormat.BORG_LIST, "snapshots.json, line 1: expected the object"
                    + " that 'borg list --json' prints");
            Path empty = Files.writeString(dir.resolve("empty.json"), "");
            assertRefused(s, empty, ImportFormat.BORG_LIST, "empty.json: the file is empty");

            Path badId = Files.writeString(dir.resolve("bad-id.json"), Files.readString(borgList).replaceFirst(
                    "\"id\":\\s*\"[0-9a-f]{64}\"", "\"id\": \"not-an-id\""));
            assertRefused(s, badId, ImportFormat.BORG_LIST, "bad-id.json, line ");
            assertTrue(assertRefused(s, badId, ImportFormat.BORG_LIST, "").getMessage().contains(
                    "field 'archives[0].id': is not a snapshot or archive id"));
            assertEquals(List.of(), log(s), "nothing of any refused file is stored");
        }
    }

    private static ImportException assertRefused(BackupTestStore s, Path file, ImportFormat format, String start) {
        ImportException e = assertThrows(ImportException.class, () -> importer(s).importFile(file, format, null));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
        assertTrue(e.getMessage().endsWith("Nothing of " + file + " was imported."), e.getMessage());
        assertEquals(file, e.file());
        return e;
    }
}
