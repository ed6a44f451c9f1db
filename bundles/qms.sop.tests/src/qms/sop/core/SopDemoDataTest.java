package qms.sop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.core.DemoData;
import qms.core.Query;
import qms.core.RecordStore;
import qms.sop.model.Sop;
import qms.sop.model.SopPackage;
import qms.sop.model.SopVersion;
import qms.sop.model.VersionStatus;
import qms.testing.ModuleTestStore;

/** The module's demo: the incident-response SOP with v1 superseded and v2 in force, its matrix, one person overdue. */
class SopDemoDataTest {

    @TempDir
    Path dir;
    private ModuleTestStore test;
    private RecordStore store;

    @BeforeEach
    void open() throws Exception {
        test = new ModuleTestStore(dir, SopModelContribution.class);
        store = test.store;
        DemoData.load(store);
    }

    @AfterEach
    void close() {
        test.close();
    }

    @Test
    void theIncidentResponseSopHasTwoVersionsV2InForceAndTheItLeadIsOverdueOnIt() {
        Sop ir = store.list(Query.of(SopPackage.Literals.SOP).where(SopPackage.Literals.SOP__NUMBER, SopDemoData
                .IR_NUMBER)).stream().map(Sop.class::cast).findFirst().orElseThrow();
        assertEquals("IT Security Incident Response", ir.getTitle());
        List<SopVersion> versions = SopVersions.of(store, ir.getId());
        assertEquals(List.of(VersionStatus.SUPERSEDED, VersionStatus.EFFECTIVE), versions.stream().map(
                SopVersion::getStatus).toList());
        SopVersion v2 = versions.get(1);
        assertEquals(5, v2.getEscalation().size());
        assertEquals(7, v2.getSteps().size());
        assertTrue(v2.getApprovedOnPaper().startsWith("Paper original"), "it says how it was approved");
        assertEquals(versions.get(1).getEffectiveDate(), versions.get(0).getSupersededOn());
        assertTrue(VersionComparison.changes(store, versions.get(0), v2).stream().anyMatch(c -> c.field().equals(
                "Steps") && c.item().equals("5") && c.kind() == qms.core.RecordDiff.Kind.CHANGED));

        Training.Matrix m = new Training(store).matrix(LocalDate.now(ZoneOffset.UTC));
        List<String> states = m.all().stream().map(c -> c.personName() + " " + c.sop().getNumber() + " " + c.state())
                .sorted().toList();
        assertEquals(List.of("Anna Lindqvist SOP-IT-004 DUE", "Raj Patel SOP-IT-001 OVERDUE"), states);
        assertEquals(1, new Incidents(store).agreements().size(), "the hosting vendor's 24 hours");
    }
}
