package qms.capa.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.capa.model.Capa;
import qms.capa.model.CapaPackage;
import qms.capa.model.CapaStatus;
import qms.capa.model.PlanApproval;
import qms.core.DemoData;
import qms.core.Query;
import qms.model.Finding;
import qms.model.FindingStatus;
import qms.testing.ModuleTestStore;

/** The demo with the CAPA module: a CAPA for the audit finding, its plan waiting for someone else's approval. */
class CapaDemoDataTest {

    @TempDir
    Path dir;

    @Test
    void theDemoHasACapaForTheAuditFindingWhosePlanWaitsForAnIndependentApproval() throws Exception {
        try (ModuleTestStore test = new ModuleTestStore(dir, CapaModelContribution.class)) {
            test.actAs(ModuleTestStore.QA); // Quinn loads the demo
            DemoData.load(test.store);
            List<Capa> capas = test.store.list(Query.of(CapaPackage.Literals.CAPA)).stream().map(Capa.class::cast)
                    .toList();
            assertEquals(1, capas.size());
            Capa c = (Capa) test.store.get(capas.get(0).getId());
            assertEquals(CapaDemoData.REFERENCE, c.getReference());
            assertEquals(CapaStatus.OPEN, c.getStatus());
            assertEquals(ModuleTestStore.QA.userId(), c.getOwner().getUserId(), "owned by whoever loads the demo");
            assertEquals(3, c.getWhys().size());

            CapaLifecycle lifecycle = new CapaLifecycle(test.store);
            List<Finding> addressed = lifecycle.findings(c);
            assertEquals(List.of(CapaDemoData.FINDING), addressed.stream().map(Finding::getReference).toList());
            assertEquals(FindingStatus.OPEN, addressed.get(0).getStatus(), "nothing is approved yet");
            PlanApproval plan = lifecycle.pending(c, PlanApproval.class).orElseThrow();
            assertEquals(CapaLifecycle.plan(c), plan.getStatement(), "the plan as it stands is what waits");
            String why = lifecycle.whyNotApprovePlan(c, ModuleTestStore.QA.userId()).orElseThrow();
            assertTrue(why.contains("owns the CAPA"), why);
        }
    }
}
