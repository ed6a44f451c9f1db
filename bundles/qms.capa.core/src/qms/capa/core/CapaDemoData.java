package qms.capa.core;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import qms.capa.model.Capa;
import qms.capa.model.CapaPackage;
import qms.capa.model.RootCauseMethod;
import qms.capa.model.SystemicRootCause;
import qms.capa.model.WhyStep;
import qms.core.DemoContribution;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.Finding;
import qms.model.QmsPackage;
import qms.model.UserAccount;

/**
 * The CAPA module's part of the demo: a CAPA for the internal audit's finding that the EDC's backups were never
 * restore-tested, with its 5-why analysis and actions, owned by the person loading the demo, and its plan submitted
 * for approval — so the tasks view has a sign-off waiting and the lifecycle shows that someone else (a QA Manager
 * who does not own it) must approve the plan. Signatures cannot be part of a demo: they need the signer's password.
 */
@Component(service = DemoContribution.class)
public final class CapaDemoData implements DemoContribution {

    /** The core demo's finding the demo CAPA addresses. */
    static final String FINDING = "IA-2026-007";
    static final String REFERENCE = "CAPA-2026-007";

    @Override
    public void load(RecordStore store) {
        Optional<Finding> finding = store.list(Query.of(QmsPackage.Literals.FINDING)).stream().map(Finding.class::cast)
                .filter(f -> FINDING.equals(f.getReference())).findFirst();
        Optional<UserAccount> owner = store.list(Query.of(QmsPackage.Literals.USER_ACCOUNT)).stream().map(
                UserAccount.class::cast).filter(a -> store.principal() != null && a.getUserId().equals(store
                        .principal().userId())).findFirst();
        if (finding.isEmpty() || owner.isEmpty()) {
            return;
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Capa c = CapaTemplates.newCapa(CapaTemplates.all().stream().filter(t -> t.name().equals(
                "Quarterly restoration tests")).findFirst().orElseThrow(), today);
        c.setReference(REFERENCE);
        c.setDescription("Internal audit IA-2026-007 found that the EDC's nightly backups were never restore-tested in"
                + " 14 months; whether the trial data could be recovered is unknown.");
        c.setOwner(owner.get());
        c.setRootCauseMethod(RootCauseMethod.FIVE_WHY);
        why(c, "Why was the EDC never restore-tested?", "Nobody was asked to: the backup job's success was taken as"
                + " proof.");
        why(c, "Why was a successful job taken as proof?", "The backup SOP covers taking backups, not restoring them.");
        why(c, "Why does the SOP not cover restores?", "It was written for the on-premise EDC before hosting moved to"
                + " Helix Cloud, and never revised.");
        c.setRootCause("The backup and recovery SOP was not revised when the EDC moved to a hosting vendor, so no"
                + " procedure requires restore tests or assigns them.");
        c.getSystemicRootCauses().add(SystemicRootCause.NO_BACKUP_SOP);
        c.getActions().forEach(a -> a.setOwner(owner.get()));
        store.save(List.of(c, Records.link(CapaModelContribution.ADDRESSES, c, finding.get())), null);
        CapaLifecycle lifecycle = new CapaLifecycle(store);
        Capa saved = (Capa) store.get(c.getId());
        if (lifecycle.whyNotSubmitPlan(saved).isEmpty()) {
            lifecycle.submitPlan(saved);
        }
    }

    private static void why(Capa c, String question, String answer) {
        WhyStep w = Records.newRecord(CapaPackage.Literals.WHY_STEP);
        w.setQuestion(question);
        w.setAnswer(answer);
        c.getWhys().add(w);
    }
}
