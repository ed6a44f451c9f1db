package qms.capa.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.capa.model.Capa;
import qms.capa.model.CapaAction;
import qms.capa.model.RootCauseMethod;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.Trace;
import qms.model.EvidenceFile;
import qms.model.Finding;
import qms.model.FindingGrade;
import qms.model.FindingSource;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.model.UserAccount;
import qms.testing.ModuleTestStore;

/**
 * The auditor's trace across the core and the CAPA module: finding → the CAPA that addresses it → its actions'
 * evidence, and back from the evidence to the CAPA (through the action that holds it) and on to the plan approval.
 */
class CapaTraceTest {

    @TempDir
    Path dir;
    private ModuleTestStore test;
    private RecordStore store;

    @BeforeEach
    void open() throws Exception {
        test = new ModuleTestStore(dir, CapaModelContribution.class);
        store = test.store;
    }

    @AfterEach
    void close() {
        test.close();
    }

    private static List<String> relations(List<Trace.Step> steps, Record to) {
        return steps.stream().filter(s -> s.record().getId().equals(to.getId())).map(s -> s.direction() + " "
                + s.relation()).toList();
    }

    @Test
    void theTraceLeadsFromAFindingThroughItsCapaToTheEvidenceAndBack() {
        Finding finding = Records.newRecord(QmsPackage.Literals.FINDING);
        finding.setTitle("Restoration test of EDC Database failed");
        finding.setSource(FindingSource.RAISED_BY_MODULE);
        finding.setGrade(FindingGrade.MAJOR);
        EvidenceFile report = Records.newRecord(QmsPackage.Literals.EVIDENCE_FILE);
        report.setName("restore-2026-11-30.txt");
        UserAccount carl = store.list(Query.of(QmsPackage.Literals.USER_ACCOUNT)).stream().map(UserAccount.class::cast)
                .filter(a -> a.getUserId().equals(ModuleTestStore.CONTRIBUTOR.userId())).findFirst().orElseThrow();
        Capa capa = CapaTemplates.newCapa(CapaTemplates.all().get(5), java.time.LocalDate.of(2026, 11, 23));
        capa.setOwner(carl);
        capa.setRootCauseMethod(RootCauseMethod.OTHER);
        capa.setRootCause("Restores were never tested");
        for (CapaAction a : capa.getActions()) {
            a.setOwner(carl);
        }
        capa.getActions().get(0).getCompletionEvidence().add(report);
        store.save(List.of(finding, report, capa, Records.link(CapaModelContribution.ADDRESSES, capa, finding)),
                null);
        test.actAs(ModuleTestStore.CONTRIBUTOR);
        var plan = new CapaLifecycle(store).submitPlan(capa);

        List<Trace.Step> fromFinding = Trace.steps(store, finding);
        assertEquals(List.of("IN is addressed by"), relations(fromFinding, capa));

        List<Trace.Step> fromCapa = Trace.steps(store, capa);
        assertEquals(List.of("OUT addresses"), relations(fromCapa, finding));
        assertEquals(List.of("OUT Actions \u203a Completion evidence"), relations(fromCapa, report));
        assertTrue(relations(fromCapa, carl).contains("OUT Owner"), fromCapa.toString());
        assertEquals(List.of("IN Sign-off"), relations(fromCapa, plan));

        List<Trace.Step> fromEvidence = Trace.steps(store, report);
        assertEquals(List.of("IN Actions \u203a Completion evidence of"), relations(fromEvidence, capa),
                "the action holding the evidence is inside the CAPA: the trace names the CAPA");
        Trace.Step back = fromEvidence.stream().filter(s -> s.record().getId().equals(capa.getId())).findFirst()
                .orElseThrow();
        assertEquals("Restores were never tested", ((Capa) back.record()).getRootCause(), "loaded, not a proxy");
        assertEquals("Open", Trace.status(store.model(), back.record()));
    }
}
