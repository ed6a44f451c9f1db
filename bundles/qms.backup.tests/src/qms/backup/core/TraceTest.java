package qms.backup.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.backup.model.BackupPackage;
import qms.backup.model.RestorationTest;
import qms.core.DemoData;
import qms.core.FindingCategories;
import qms.core.Query;
import qms.core.Records;
import qms.core.Trace;
import qms.core.Trace.Direction;
import qms.core.Trace.Step;
import qms.model.Finding;
import qms.model.FindingSource;
import qms.model.QmsPackage;
import qms.model.Record;

/**
 * The auditor's trace over the core and the backup module: from the demo's raised finding to the failed restoration
 * test, its evidence and the system, and back, in both directions, through links and references alike.
 */
class TraceTest {

    @TempDir
    Path dir;

    private static List<String> lines(List<Step> steps) {
        return steps.stream().map(s -> (s.direction() == Direction.OUT ? "-> " : "<- ") + s.relation() + ": "
                + s.record().eClass().getName() + " " + Records.label(s.record())).toList();
    }

    private static Record step(List<Step> steps, Direction direction, String relation) {
        return steps.stream().filter(s -> s.direction() == direction && s.relation().equals(relation)).findFirst()
                .orElseThrow(() -> new AssertionError(relation + " not in " + lines(steps))).record();
    }

    @Test
    void fromTheFindingToTheEvidenceAndTheSystemAndBack() throws Exception {
        try (BackupTestStore s = new BackupTestStore(dir)) {
            DemoData.load(s.store);
            Finding finding = s.store.list(Query.of(QmsPackage.Literals.FINDING)).stream().map(Finding.class::cast)
                    .filter(f -> f.getSource() == FindingSource.RAISED_BY_MODULE).findFirst().orElseThrow();

            List<Step> fromFinding = Trace.steps(s.store, finding);
            Record test = step(fromFinding, Direction.OUT, "relates to");
            Record system = step(fromFinding, Direction.OUT, "Affected systems");
            Record evidence = step(fromFinding, Direction.IN, "has evidence");
            assertEquals("Helix Cloud Hosting GmbH", Records.label(step(fromFinding, Direction.OUT,
                    "Affected vendors")), "the system's hosting vendor is affected too");
            assertEquals(FindingCategories.FAILED_BACKUPS, Records.label(step(fromFinding, Direction.OUT,
                    "Category")), "a default category");
            assertEquals(5, fromFinding.size(), lines(fromFinding).toString());
            assertEquals("EDC Database", Records.label(system));
            assertEquals(BackupPackage.Literals.RESTORATION_TEST, test.eClass());

            List<Step> fromTest = Trace.steps(s.store, test);
            assertEquals(system.getId(), step(fromTest, Direction.OUT, "System").getId(), "a reference");
            assertEquals(evidence.getId(), step(fromTest, Direction.OUT, "Evidence").getId(),
                    "the report the finding has as evidence is the test's evidence too");
            assertEquals(finding.getId(), step(fromTest, Direction.IN, "is related to").getId(), "the link, back");

            List<Step> fromSystem = Trace.steps(s.store, system);
            assertTrue(fromSystem.stream().anyMatch(st -> st.direction() == Direction.IN && st.relation().equals(
                    "Affected systems of") && st.record().getId().equals(finding.getId())), "one of the findings"
                            + " about the system: " + lines(fromSystem));
            assertTrue(fromSystem.stream().anyMatch(st -> st.direction() == Direction.IN && st.relation().equals(
                    "System of") && st.record().eClass() == BackupPackage.Literals.BACKUP_POLICY), "the policy"
                            + " refers to the system: " + lines(fromSystem));
            long logEntries = fromSystem.stream().filter(st -> st.record().eClass() == BackupPackage.Literals
                    .BACKUP_LOG_ENTRY).count();
            assertEquals(s.store.list(Query.of(BackupPackage.Literals.BACKUP_LOG_ENTRY)).stream().filter(e -> system
                    .getId().equals(Records.id(((qms.backup.model.BackupLogEntry) e).getSystem()))).count(),
                    logEntries, "every log entry of the system");

            // a signature refers to what it signs
            s.store.signatures().sign(test.getId(), BackupTestStore.QA.userId(), BackupTestStore.QA_PASSWORD
                    .toCharArray(), "Reviewed");
            Record signature = step(Trace.steps(s.store, test), Direction.IN, "Record of");
            assertEquals(QmsPackage.Literals.SIGNATURE, signature.eClass());
            assertEquals(test.getId(), Records.id(step(Trace.steps(s.store, signature), Direction.OUT, "Record")));
            assertEquals(RestorationTest.class, test.eClass().getInstanceClass());
        }
    }

    @Test
    void preparingASessionsFirstTraceReadsFromTheMostLinkedRecordAndChangesNothing() throws Exception {
        try (BackupTestStore s = new BackupTestStore(dir)) {
            assertNull(Trace.prepare(s.store, 2000), "nothing linked, nothing to read");
            DemoData.load(s.store);
            java.util.Map<String, Integer> ends = new java.util.HashMap<>();
            for (Record r : s.store.list(Query.of(QmsPackage.Literals.LINK))) {
                ends.merge(Records.id(((qms.model.Link) r).getSource()), 1, Integer::sum);
                ends.merge(Records.id(((qms.model.Link) r).getTarget()), 1, Integer::sum);
            }
            int most = java.util.Collections.max(ends.values());
            long audited = s.store.auditTrail().size();

            String prepared = Trace.prepare(s.store, 2000);
            assertEquals(most, ends.get(prepared), "a record with the most links: " + ends);
            assertEquals(audited, s.store.auditTrail().size(), "reading is not audited: nothing was written");
            assertTrue(most >= 2, "the demo links some record more than once: " + ends);
        }
    }
}
