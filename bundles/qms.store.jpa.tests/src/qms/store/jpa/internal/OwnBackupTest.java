package qms.store.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.derby.jdbc.BasicEmbeddedDataSource40;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.core.AccessDeniedException;
import qms.core.AuditAction;
import qms.core.AuditEntry;
import qms.core.AuditQuery;
import qms.core.ModelRegistry;
import qms.core.RecordStore;
import qms.core.StoreBackups;
import qms.core.StoreBackups.BackupReport;
import qms.core.StoreBackups.Trigger;
import qms.core.StoreConfig;
import qms.core.StoreException;
import qms.model.AccessRole;
import qms.model.QmsPackage;
import qms.testing.TestRecords;

/**
 * The suite's own backups: Derby online backup under the write lock, restore-tested at once, retention, the restore
 * command, and backups that must fail their test (corrupted database files, a tampered manifest).
 */
class OwnBackupTest {

    private static final String MARKER = "PLAINTEXT-MARKER-7f3a91";

    @TempDir
    Path dir;

    private static void addSystems(Part11Fixture f, int n) {
        for (int i = 0; i < n; i++) {
            f.store.save(TestRecords.system("System " + i + " " + MARKER), null);
        }
    }

    private static List<AuditEntry> backupEntries(RecordStore store) {
        List<AuditEntry> e = new java.util.ArrayList<>(store.auditTrail().search(AuditQuery.all().withActions(
                Set.of(AuditAction.BACKUP)), 0, 100));
        java.util.Collections.reverse(e);
        return e;
    }

    @Test
    void aBackupIsEncryptedRestoreTestedAuditedAndOldOnesGoByRetention() throws Exception {
        Path folder = dir.resolve("backups");
        try (Part11Fixture f = new Part11Fixture(dir.resolve("data"))) {
            f.addUser("quinn", "Quinn QA", AccessRole.QA_MANAGER);
            f.actAs("quinn");
            addSystems(f, 5);
            f.actAs("admin");

            BackupReport first = f.store.backups().backUp(folder, 2, Trigger.ON_DEMAND);
            assertTrue(first.test().passed(), first.test().describe());
            assertEquals(DerbyBackups.counts((JpaRecordStore) f.store), first.backup().counts());
            assertEquals(5, first.backup().counts().get("qms:ComputerizedSystem"));
            assertEquals(first.backup().records(), first.test().records());
            assertEquals(first.backup().auditSequence(), first.test().entries());
            List<AuditEntry> audited = backupEntries(f.store);
            assertEquals(2, audited.size(), "the backup and its restore test");
            assertEquals("admin", audited.get(0).user());
            assertTrue(audited.get(0).newValue().startsWith("Backup " + first.backup().directory().getFileName()
                    + " made (on demand)"), audited.get(0).newValue());
            assertTrue(audited.get(0).newValue().contains("audit trail up to entry "
                    + first.backup().auditSequence()), audited.get(0).newValue());
            assertTrue(audited.get(1).newValue().contains("PASSED"), audited.get(1).newValue());

            // encrypted at rest: no file of the backup shows the stored text, and it does not boot without the key
            try (Stream<Path> files = Files.walk(first.backup().directory())) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    assertFalse(bytes.contains(MARKER), file + " holds the stored text in the clear");
                }
            }
            BasicEmbeddedDataSource40 noKey = new BasicEmbeddedDataSource40();
            noKey.setDatabaseName(dir.resolve("probe/db").toString());
            noKey.setConnectionAttributes("restoreFrom=" + first.backup().directory().resolve("db"));
            assertThrows(SQLException.class, () -> {
                try (Connection c = noKey.getConnection()) {
                    c.isValid(1);
                }
            }, "the backup cannot be opened without the boot key");

            f.actAs("quinn");
            addSystems(f, 1);
            f.actAs("admin");
            BackupReport second = f.store.backups().backUp(folder, 2, Trigger.SCHEDULED);
            assertTrue(second.test().passed());
            assertEquals(first.backup().records() + 1, second.backup().records());
            BackupReport third = f.store.backups().backUp(folder, 2, Trigger.SCHEDULED);
            assertEquals(List.of(first.backup().directory()), third.removed(), "keeps the newest two");
            assertFalse(Files.exists(first.backup().directory()));
            assertEquals(List.of(third.backup().directory(), second.backup().directory()), f.store.backups()
                    .list(folder).stream().map(StoreBackups.BackupInfo::directory).toList());
            List<AuditEntry> all = backupEntries(f.store);
            assertEquals("system", all.get(all.size() - 1).user(), "scheduled backups are the suite's own");
            assertTrue(all.get(all.size() - 1).newValue().startsWith("Retention (keep 2): removed 1 older backup"),
                    all.get(all.size() - 1).newValue());
            assertTrue(f.store.auditTrail().verify().intact());
        }
    }

    @Test
    void onlyAdministratorsBackUpOnDemandAndARefusalIsAudited() {
        try (Part11Fixture f = new Part11Fixture(dir.resolve("data"))) {
            f.addUser("audrey", "Audrey Auditor", AccessRole.AUDITOR);
            f.addUser("quinn", "Quinn QA", AccessRole.QA_MANAGER);
            for (String user : List.of("audrey", "quinn")) {
                f.actAs(user);
                AccessDeniedException denied = assertThrows(AccessDeniedException.class,
                        () -> f.store.backups().backUp(dir.resolve("b"), 3, Trigger.ON_DEMAND));
                assertTrue(denied.getMessage().contains("administrators"), denied.getMessage());
                AuditEntry last = f.store.auditTrail().search(AuditQuery.all(), 0, 1).get(0);
                assertEquals(AuditAction.DENIED, last.action());
                assertEquals(user, last.user());
            }
            assertFalse(Files.exists(dir.resolve("b")), "nothing was written");
        }
    }

    @Test
    void aCorruptedBackupFailsItsRestoreTestAndSoDoesATamperedManifest() throws Exception {
        Path folder = dir.resolve("backups");
        try (Part11Fixture f = new Part11Fixture(dir.resolve("data"))) {
            f.addUser("quinn", "Quinn QA", AccessRole.QA_MANAGER);
            f.actAs("quinn");
            addSystems(f, 20);
            f.actAs("admin");
            BackupReport good = f.store.backups().backUp(folder, 5, Trigger.ON_DEMAND);
            assertTrue(good.test().passed());

            // overwrite the middle of every data file of the backup's copy
            try (Stream<Path> files = Files.list(good.backup().directory().resolve("db/seg0"))) {
                for (Path file : files.filter(p -> p.toString().endsWith(".dat")).toList()) {
                    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                        if (raf.length() > 4096) {
                            raf.seek(raf.length() / 2);
                            raf.write(new byte[512]);
                        }
                    }
                }
            }
            StoreBackups.RestoreTest corrupted = f.store.backups().restoreTest(good.backup().directory());
            assertFalse(corrupted.passed(), "a corrupted backup must never pass");
            assertFalse(corrupted.problems().isEmpty());
            AuditEntry recorded = backupEntries(f.store).get(backupEntries(f.store).size() - 1);
            assertTrue(recorded.newValue().startsWith("Restore test of " + good.backup().directory().getFileName()
                    + " FAILED: "), recorded.newValue());
            assertEquals("admin", recorded.user());

            BackupReport other = f.store.backups().backUp(folder, 5, Trigger.ON_DEMAND);
            Path manifest = other.backup().directory().resolve(DerbyBackups.MANIFEST);
            Files.writeString(manifest, Files.readString(manifest).replace(other.backup().auditHeadHash(),
                    "0".repeat(64)));
            StoreBackups.RestoreTest tampered = f.store.backups().restoreTest(other.backup().directory());
            assertFalse(tampered.passed());
            assertTrue(tampered.describe().contains("but the backup recorded entry " + other.backup()
                    .auditSequence() + " with hash " + "0".repeat(64)), tampered.describe());

            Files.writeString(manifest, "{ \"createdAt\": ");
            StoreBackups.RestoreTest damaged = f.store.backups().restoreTest(other.backup().directory());
            assertFalse(damaged.passed());
            assertTrue(damaged.describe().contains(DerbyBackups.MANIFEST + " is damaged"), damaged.describe());
            try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                assertTrue(tmp.noneMatch(p -> p.getFileName().toString().startsWith("qms-restore-test-")),
                        "restore tests clean up after themselves");
            }
        }
    }

    @Test
    void aBackupFromBeforeAModuleWasInstalledRestoresIntoTheSuiteWithTheModule() throws Exception {
        Path data = dir.resolve("data");
        Path backup;
        try (Part11Fixture f = new Part11Fixture(data)) {
            f.addUser("quinn", "Quinn QA", AccessRole.QA_MANAGER);
            f.actAs("quinn");
            addSystems(f, 2);
            f.actAs("admin");
            backup = f.store.backups().backUp(dir.resolve("backups"), 3, Trigger.ON_DEMAND).backup().directory();
        }
        // the suite now has one more module: opening the restored copy creates its tables (audited as SYSTEM)
        ModelRegistry larger = ModelRegistry.of(List.of(new qms.core.CoreModelContribution(),
                DerbyTesting.contribution(DerbyTesting.gadgetPackage())));
        Path restored = dir.resolve("restored");
        StoreBackups.RestoreTest result = new DerbyStoreFactory().restore(backup, new StoreConfig(restored,
                DerbyTesting.keyFile(data)), larger);
        assertTrue(result.passed(), result.describe());
        try (Part11Fixture again = Part11Fixture.open(restored, DerbyTesting.keyFile(data))) {
            assertTrue(again.store.auditTrail().search(AuditQuery.all(), 0, 10).stream().anyMatch(e -> e.action()
                    == AuditAction.SYSTEM && e.newValue().startsWith(DerbyStoreFactory.SCHEMA_EXTENDED)),
                    "the new tables are in the restored trail");
        }
    }

    @Test
    void theRestoreCommandRebuildsTheStoreInANewFolderAndRefusesToOverwrite() throws Exception {
        Path data = dir.resolve("data");
        Path backup;
        long records;
        try (Part11Fixture f = new Part11Fixture(data)) {
            f.addUser("quinn", "Quinn QA", AccessRole.QA_MANAGER);
            f.actAs("quinn");
            addSystems(f, 3);
            f.actAs("admin");
            BackupReport r = f.store.backups().backUp(dir.resolve("backups"), 3, Trigger.ON_DEMAND);
            backup = r.backup().directory();
            records = r.backup().records();
        }
        DerbyStoreFactory factory = new DerbyStoreFactory();
        Path key = DerbyTesting.keyFile(data);

        StoreException occupied = assertThrows(StoreException.class,
                () -> factory.restore(backup, new StoreConfig(data, key), ModelRegistry.core()));
        assertTrue(occupied.getMessage().contains("already holds a database"), occupied.getMessage());

        Path wrongKey = dir.resolve("other.key");
        Files.writeString(wrongKey, qms.core.BootKey.read(key).replace('a', 'b').replace('1', '2') + "x");
        Files.setPosixFilePermissions(wrongKey, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        StoreException locked = assertThrows(StoreException.class, () -> factory.restore(backup,
                new StoreConfig(dir.resolve("wrong"), wrongKey), ModelRegistry.core()));
        assertTrue(locked.getMessage().contains("Nothing was kept"), locked.getMessage());
        assertFalse(Files.exists(dir.resolve("wrong/db")));

        Path restored = dir.resolve("restored");
        StoreBackups.RestoreTest result = factory.restore(backup, new StoreConfig(restored, key),
                ModelRegistry.core());
        assertTrue(result.passed(), result.describe());
        assertEquals(records, result.records());
        try (Part11Fixture again = Part11Fixture.open(restored, key)) {
            assertEquals(3, again.store.count(qms.core.Query.of(QmsPackage.Literals.COMPUTERIZED_SYSTEM)));
            List<AuditEntry> tail = again.store.auditTrail().search(AuditQuery.all(), 0, 3);
            assertTrue(tail.stream().anyMatch(e -> e.action() == AuditAction.SYSTEM
                    && e.newValue().startsWith("Restored from backup " + backup)), tail.toString());
            assertTrue(again.store.auditTrail().verify().intact());
        }
    }
}
