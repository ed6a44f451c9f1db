package qms.backup.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
import qms.core.Query;
import qms.core.Records;
import qms.model.ComputerizedSystem;
import qms.testing.TestRecords;

/**
 * Imports {@code pgbackrest info --output=json} from a real PostgreSQL cluster (Debian's postgresql and pgbackrest,
 * installed by .ci/run): a private cluster in a temporary folder, on its own port and socket, gets a stanza, a full
 * and a differential backup, then is stopped again. As root the server and pgBackRest run as the postgres user,
 * because PostgreSQL refuses to run as root.
 */
class PgBackRestImportTest {

    private static final String STANZA = "ctms";

    @TempDir
    static Path tools;
    @TempDir
    Path dir;

    static Path info;
    static String infoJson;

    @BeforeAll
    static void backUpARealCluster() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            Files.setPosixFilePermissions(tools, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        Path bin = postgresBin();
        Path data = tools.resolve("pg");
        Path run = Files.createDirectories(tools.resolve("run"));
        Path log = Files.createDirectories(tools.resolve("log"));
        Path repo = Files.createDirectories(tools.resolve("repo"));
        int port = 20_000 + (int) (ProcessHandle.current().pid() % 20_000);
        Path conf = Files.writeString(tools.resolve("pgbackrest.conf"), String.join("\n", "[global]",
                "repo1-path=" + repo, "repo1-retention-full=2", "log-path=" + log, "lock-path=" + run,
                "log-level-console=off", "log-level-stderr=error", "start-fast=y", "[" + STANZA + "]", "pg1-path="
                        + data, "pg1-port=" + port, "pg1-socket-path=" + run, ""));
        if (root) {
            for (Path p : List.of(run, log, repo, conf)) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxrwxrwx"
                        : "rw-rw-rw-"));
            }
        }
        RealTools t = new RealTools(Map.of("TZ", "UTC"));
        t.ok(as(root, bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "postgres"));
        String options = "-p " + port + " -k " + run + " -c listen_addresses='' -c wal_level=replica"
                + " -c archive_mode=on -c archive_command='pgbackrest --config=" + conf + " --stanza=" + STANZA
                + " archive-push %p'";
        t.ok(as(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.resolve("pg.log")
                .toString(), "-w", "-o", options, "start"));
        try {
            String pgbackrest = "--config=" + conf;
            t.ok(as(root, "pgbackrest", pgbackrest, "--stanza=" + STANZA, "stanza-create"));
            t.ok(as(root, "pgbackrest", pgbackrest, "--stanza=" + STANZA, "--type=full", "backup"));
            t.ok(as(root, "pgbackrest", pgbackrest, "--stanza=" + STANZA, "--type=diff", "backup"));
            infoJson = t.ok(as(root, "pgbackrest", pgbackrest, "--stanza=" + STANZA, "info", "--output=json"));
            info = Files.writeString(tools.resolve("info.json"), infoJson);
        } finally {
            t.ok(as(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"));
        }
    }

    /** Debian installs PostgreSQL's programs under /usr/lib/postgresql/VERSION/bin, not on the path. */
    private static Path postgresBin() throws Exception {
        Path lib = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(lib)) {
            throw new AssertionError("PostgreSQL is not installed (" + lib + " is missing); .ci/run installs it with"
                    + " apt-get (postgresql, pgbackrest)");
        }
        try (var versions = Files.list(lib)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString)).orElseThrow(() -> new AssertionError(
                            "no initdb under " + lib));
        }
    }

    private static String[] as(boolean root, String... command) {
        List<String> c = new ArrayList<>();
        if (root) {
            c.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        c.addAll(List.of(command));
        return c.toArray(String[]::new);
    }

    private static BackupImporter importer(BackupTestStore s) {
        return new BackupImporter(s.store, new BackupOutputParser(ZoneOffset.UTC,
                BackupOutputParser.DEFAULT_MAX_BYTES), Clock.systemUTC());
    }

    private static BackupPolicy policy(BackupTestStore s, String system, String stanza) {
        ComputerizedSystem sys = TestRecords.system(system);
        s.store.save(sys, null);
        BackupPolicy p = Records.newRecord(BackupPackage.Literals.BACKUP_POLICY);
        p.setName(system + " backups");
        p.setSystem(sys);
        p.setTool(BackupTool.PGBACKREST);
        p.setMatchTag(stanza);
        s.store.save(p, null);
        return p;
    }

    private static List<BackupLogEntry> log(BackupTestStore s) {
        return s.store.list(Query.of(BackupPackage.Literals.BACKUP_LOG_ENTRY)).stream()
                .map(BackupLogEntry.class::cast).sorted(Comparator.comparing(BackupLogEntry::getSnapshotId)).toList();
    }

    private static List<String> all(String regex) {
        Matcher m = Pattern.compile(regex).matcher(infoJson);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void backupsOfAStanzaAreMatchedByTheStanzaNameWithPgBackRestsTimesAndSizes() throws Exception {
        try (BackupTestStore s = new BackupTestStore(dir)) {
            policy(s, "LIMS", "lims");
            ImportException unknown = assertThrows(ImportException.class, () -> importer(s).importFile(info,
                    ImportFormat.PGBACKREST_INFO, null));
            assertEquals("name", unknown.field());
            assertTrue(unknown.getMessage().contains("stanza " + STANZA) && unknown.getMessage().contains(
                    "Set the stanza as 'Match tag'"), unknown.getMessage());

            assertEquals(ImportFormat.PGBACKREST_INFO, ImportFormat.guess(infoJson));
            BackupPolicy ctms = policy(s, "CTMS Database", STANZA);
            BackupImporter.Result result = importer(s).importFile(info, ImportFormat.PGBACKREST_INFO, null);
            assertEquals(2, result.created().size(), result.describe());

            List<String> labels = all("\"label\":\"([^\"]+)\"");
            List<String> starts = all("\"timestamp\":\\{\"start\":(\\d+)");
            List<String> sizes = all("\"info\":\\{\"delta\":\\d+,\"repository\":\\{[^}]*\\},\"size\":(\\d+)");
            assertEquals(2, labels.size(), infoJson);
            assertTrue(labels.get(1).startsWith(labels.get(0) + "_") && labels.get(1).endsWith("D"),
                    "the second is the differential backup on the full one: " + labels);
            List<BackupLogEntry> log = log(s);
            for (int i = 0; i < 2; i++) {
                BackupLogEntry e = log.get(i);
                assertEquals(STANZA + "/" + labels.get(i), e.getSnapshotId());
                assertEquals(Records.id(ctms.getSystem()), Records.id(e.getSystem()));
                assertEquals(Instant.ofEpochSecond(Long.parseLong(starts.get(i))), e.getStartedAt().toInstant());
                assertEquals(Long.parseLong(sizes.get(i)), e.getSizeBytes());
                assertTrue(e.isCompleted());
                assertTrue(e.getToolOutput().startsWith("pgBackRest " + (i == 0 ? "full" : "diff") + " backup "
                        + labels.get(i) + " of stanza " + STANZA), e.getToolOutput());
            }
            long age = Instant.now().getEpochSecond() - log.get(1).getStartedAt().toInstant().getEpochSecond();
            assertTrue(age >= 0 && age < 600, "pgBackRest's own time of the backup, a moment ago: " + age + " s");

            BackupImporter.Result again = importer(s).importFile(info, ImportFormat.PGBACKREST_INFO, null);
            assertEquals(0, again.created().size());
            assertEquals(2, again.alreadyImported());
            assertEquals(2, log(s).size(), "re-importing the same file adds nothing");
        }
    }

    @Test
    void aBackupPgBackRestMarksAsFailedIsLoggedAsNotCompleted() throws Exception {
        try (BackupTestStore s = new BackupTestStore(dir)) {
            policy(s, "CTMS Database", STANZA);
            Path failed = Files.writeString(dir.resolve("info-error.json"), infoJson.replaceFirst("\"error\":false",
                    "\"error\":true"));
            importer(s).importFile(failed, ImportFormat.PGBACKREST_INFO, null);
            List<BackupLogEntry> log = log(s);
            assertFalse(log.get(0).isCompleted(), log.get(0).getToolOutput());
            assertTrue(log.get(0).getToolOutput().endsWith("marked as failed by pgBackRest"));
            assertTrue(log.get(1).isCompleted());
        }
    }

    @Test
    void consoleMessagesAfterTheJsonAndWrongTypesAreRefusedStoringNothing() throws Exception {
        try (BackupTestStore s = new BackupTestStore(dir)) {
            policy(s, "CTMS Database", STANZA);
            // what pgBackRest prints with log-level-console=warn: its warnings on standard output, after the JSON
            Path polluted = Files.writeString(dir.resolve("info-warn.json"), infoJson + "WARN: option"
                    + " 'repo1-retention-full' is not set for 'repo1-retention-full-type=count'\n");
            ImportException e = assertThrows(ImportException.class, () -> importer(s).importFile(polluted,
                    ImportFormat.PGBACKREST_INFO, null));
            assertTrue(e.getMessage().startsWith("info-warn.json, line 1: is not valid JSON"), e.getMessage());

            Path text = Files.writeString(dir.resolve("info-type.json"), infoJson.replaceFirst(
                    "\"timestamp\":\\{\"start\":(\\d+)", "\"timestamp\":{\"start\":\"$1\""));
            e = assertThrows(ImportException.class, () -> importer(s).importFile(text, ImportFormat.PGBACKREST_INFO,
                    null));
            assertEquals("[0].backup[0].timestamp.start", e.field(), e.getMessage());
            assertTrue(e.getMessage().contains("must be a number, not the text"), e.getMessage());

            e = assertThrows(ImportException.class, () -> importer(s).importFile(info, ImportFormat.RESTIC_SNAPSHOTS,
                    null));
            assertTrue(e.getMessage().contains("field '[0].id': is missing"), e.getMessage());
            assertEquals(List.of(), log(s), "nothing of a refused file is stored");
        }
    }
}
