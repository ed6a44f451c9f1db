package qms.store.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.core.AuditAction;
import qms.core.AuditQuery;
import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.RecordStore;
import qms.core.StoreBackups.BackupReport;
import qms.core.StoreBackups.RestoreTest;
import qms.core.StoreBackups.Trigger;
import qms.core.StoreConfig;
import qms.core.StoreServer;
import qms.model.AccessRole;
import qms.testing.PostgresCluster;
import qms.testing.TestAccounts;
import qms.testing.TestRecords;

/**
 * The suite's own backups on a PostgreSQL server: pg_dump of the database, made while another client writes, its
 * manifest describing exactly what the dump holds, rebuilt by the restore test in an empty private cluster.
 */
class PostgresBackupTest {

    private static final Principal ALICE = new Principal("alice", "Alice Andersen");

    @TempDir
    Path dir;

    private RecordStore open(StoreServer server) {
        return new JpaStoreFactory().open(new StoreConfig(dir.resolve("data"), null, server), ModelRegistry.core(),
                () -> ALICE);
    }

    @Test
    void aDumpMadeWhileAnotherClientWritesIsRestoreTestedInAnEmptyClusterAndMatchesItsManifest() throws Exception {
        PostgresCluster.Roles roles = PostgresCluster.shared().withRoles();
        try (RecordStore owner = open(roles.asOwner())) {
            TestAccounts.enroll(owner, ALICE, List.of(AccessRole.ADMINISTRATOR, AccessRole.QA_MANAGER));
        }
        try (RecordStore store = open(roles.asApp()); RecordStore other = open(roles.asApp())) {
            for (int i = 0; i < 20; i++) {
                store.save(TestRecords.system("System " + i), null);
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger written = new AtomicInteger();
            Thread writer = new Thread(() -> { // another person keeps working meanwhile
                while (!stop.get()) {
                    other.save(TestRecords.system("Meanwhile " + written.incrementAndGet()), null);
                }
            });
            writer.start();
            BackupReport report;
            try {
                report = store.backups().backUp(dir.resolve("backups"), 2, Trigger.ON_DEMAND);
            } finally {
                stop.set(true);
                writer.join();
            }
            RestoreTest test = report.test();
            assertTrue(test.passed(), test.describe());
            assertTrue(Files.size(report.backup().directory().resolve(PostgresBackups.DUMP)) > 0);
            assertEquals(report.backup().records(), test.records(), "the restored copy holds what the manifest says");
            assertEquals(report.backup().auditSequence(), test.entries(), "its chain ends at the recorded head");
            assertTrue(written.get() > 0, "the other client wrote while the backup ran");
            long systems = report.backup().counts().get("qms:ComputerizedSystem");
            assertTrue(systems >= 20 && systems <= 20 + written.get(), "a consistent snapshot: " + systems);
            List<String> audited = store.auditTrail().search(AuditQuery.all().withActions(java.util.Set.of(
                    AuditAction.BACKUP)), 0, 10).stream().map(e -> e.newValue()).toList();
            assertTrue(audited.stream().anyMatch(t -> t.startsWith("Backup " + report.backup().directory()
                    .getFileName() + " made (on demand)")), audited.toString());
            assertTrue(audited.stream().anyMatch(t -> t.contains("PASSED")), audited.toString());

            // a damaged dump fails its restore test, naming pg_restore's complaint
            Path dump = report.backup().directory().resolve(PostgresBackups.DUMP);
            try (RandomAccessFile f = new RandomAccessFile(dump.toFile(), "rw")) {
                f.seek(f.length() / 2);
                f.write(new byte[4096]);
            }
            RestoreTest damaged = store.backups().restoreTest(report.backup().directory());
            assertFalse(damaged.passed(), damaged.describe());
            assertTrue(damaged.problems().get(0).contains("pg_restore"), damaged.describe());
        }
    }
}
