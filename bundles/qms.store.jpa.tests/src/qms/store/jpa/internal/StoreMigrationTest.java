package qms.store.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.core.ChainVerification;
import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.StoreConfig;
import qms.core.StoreException;
import qms.core.StoreServer;
import qms.model.AccessRole;
import qms.model.EvidenceFile;
import qms.model.Finding;
import qms.model.FindingGrade;
import qms.model.FindingSource;
import qms.model.QmsPackage;
import qms.testing.PostgresCluster;
import qms.testing.TestRecords;

/**
 * Moving an embedded store onto a PostgreSQL server: everything arrives (records, audit trail, signatures, evidence,
 * accounts), a store on the target is never written over, and a move killed half way leaves the target empty.
 */
class StoreMigrationTest {

    @TempDir
    Path dir;

    /** An embedded store with records, an evidence file, a signature and a second account. */
    private Path storeWithEverything() {
        Path data = dir.resolve("data");
        try (Part11Fixture f = new Part11Fixture(data)) {
            f.addUser("quinn", "Quinn QA", AccessRole.QA_MANAGER);
            f.addUser("sam", "Sam Sponsor", AccessRole.QA_MANAGER);
            f.actAs("sam");
            for (int i = 0; i < 30; i++) {
                f.store.save(TestRecords.system("System " + i), null);
            }
            Finding finding = Records.newRecord(QmsPackage.Literals.FINDING);
            finding.setTitle("Restore never tested");
            finding.setSource(FindingSource.INTERNAL_AUDIT);
            finding.setGrade(FindingGrade.MAJOR);
            f.store.save(finding, null);
            EvidenceFile evidence = Records.newRecord(QmsPackage.Literals.EVIDENCE_FILE);
            evidence.setName("restore-log.txt");
            f.store.storeContent(evidence, "restored 1,204 files".getBytes(StandardCharsets.UTF_8), null);
            f.actAs("quinn"); // approved by someone other than its author
            f.store.signatures().sign(finding.getId(), "quinn", Part11Fixture.PASSWORD, "Approved");
        }
        return data;
    }

    private static RecordStore open(StoreServer server, Principal who) {
        return new JpaStoreFactory().open(new StoreConfig(null, null, server), ModelRegistry.core(), () -> who);
    }

    @Test
    void theEmbeddedStoreMovesWholeOntoAnEmptyServerAndNeverOverAStore() throws Exception {
        Path data = storeWithEverything();
        StoreServer target = PostgresCluster.shared().newDatabase();
        try (Part11Fixture f = Part11Fixture.open(data, DerbyTesting.keyFile(data))) {
            List<String> tables = new ArrayList<>();
            StoreMigration.Result r = new StoreMigration((JpaRecordStore) f.store, target).run("admin", (t, n) -> tables
                    .add(t));
            assertTrue(tables.containsAll(List.of("SYS_AUDIT", "SYS_CREDENTIAL", "SYS_EVIDENCE_CONTENT", "QMS_SIGNATURE",
                    "QMS_COMPUTERIZED_SYSTEM")), tables.toString());
            assertEquals(r.rows().get("SYS_AUDIT"), r.auditEntries());

            try (RecordStore moved = open(target, f.admin)) {
                assertEquals(f.store.countByType(), moved.countByType(), "every record, by type");
                ChainVerification v = moved.auditTrail().verify();
                assertTrue(v.intact(), v.toString());
                assertEquals(r.auditEntries() + 1, v.entriesChecked(), "the source's trail and the move's own entry");
                assertEquals(r.headHash(), moved.auditTrail().page(r.auditEntries() - 1, 1).get(0).hash(),
                        "the same chain: the source's head is in it");
                EvidenceFile evidence = (EvidenceFile) moved.list(Query.of(QmsPackage.Literals.EVIDENCE_FILE)).get(0);
                assertArrayEquals("restored 1,204 files".getBytes(StandardCharsets.UTF_8), moved.readContent(evidence
                        .getId()), "the evidence content, its hash checked");
                Finding finding = (Finding) moved.list(Query.of(QmsPackage.Literals.FINDING)).get(0);
                assertEquals(List.of("quinn true"), moved.signatures().signatures(finding.getId()).stream().map(
                        c -> c.signature().getSignerUserId() + " " + c.intact()).toList(),
                        "the signature, still bound to the record's content");
                assertEquals("quinn", moved.accounts().signIn("quinn", Part11Fixture.PASSWORD).principal().userId(),
                        "the accounts and their passwords came along");
            }
            assertTrue(f.store.auditTrail().page(0, 100_000).stream().anyMatch(e -> e.newValue() != null && e
                    .newValue().startsWith("Store moved from embedded Derby to PostgreSQL " + target.describe())),
                    "the source records the move");

            StoreException again = assertThrows(StoreException.class, () -> new StoreMigration((JpaRecordStore) f
                    .store, target).run("admin", (t, n) -> {
                    }));
            assertTrue(again.getMessage().startsWith("The target " + target.describe() + " holds a store already"),
                    again.getMessage());
        }
    }

    @Test
    void aMoveKilledHalfWayLeavesTheTargetWithoutARowAndARerunStartsClean() throws Exception {
        Path data = storeWithEverything();
        StoreServer target = PostgresCluster.shared().newDatabase();
        OtherJvm move = OtherJvm.start(MigrateMain.class, data.toString(), DerbyTesting.keyFile(data).toString(),
                target.url(), target.user(), target.passwordFile().toString());
        move.awaitLine("PAUSED"); // the audit trail is copied, the transaction not committed
        move.kill();

        String database = target.url().substring(target.url().lastIndexOf('/') + 1);
        try (Connection c = PostgresCluster.shared().connect(database); Statement s = c.createStatement()) {
            for (String table : List.of("SYS_AUDIT", "SYS_RECORD", "QMS_COMPUTERIZED_SYSTEM")) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    assertEquals(0, rs.getLong(1), table + " after the kill");
                }
            }
        }
        AtomicReference<StoreMigration.Result> r = new AtomicReference<>();
        try (Part11Fixture f = Part11Fixture.open(data, DerbyTesting.keyFile(data))) { // nothing lost in the source
            assertEquals(30, f.store.count(Query.of(QmsPackage.Literals.COMPUTERIZED_SYSTEM)));
            assertTrue(f.store.auditTrail().verify().intact());
            r.set(new StoreMigration((JpaRecordStore) f.store, target).run("admin", (t, n) -> {
            }));
            try (RecordStore moved = open(target, f.admin)) {
                assertEquals(f.store.countByType(), moved.countByType());
                assertTrue(moved.auditTrail().verify().intact());
            }
        }
        assertTrue(r.get().records() > 30);
    }
}
