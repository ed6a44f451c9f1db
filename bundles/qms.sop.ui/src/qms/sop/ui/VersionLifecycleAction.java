package qms.sop.ui;

import org.eclipse.jface.window.Window;
import org.osgi.service.component.annotations.Component;

import qms.core.RecordStore;
import qms.model.Record;
import qms.sop.core.SopLifecycle;
import qms.sop.core.SopVersions;
import qms.sop.model.PeriodicReview;
import qms.sop.model.SopPackage;
import qms.sop.model.SopVersion;
import qms.ui.RecordAction;
import qms.ui.lifecycle.LifecycleDialog;
import qms.ui.security.StepSignatureDialog;

/**
 * "Lifecycle…" on an SOP version's form: send to review, review and approve by signature, bring into force, record
 * and sign the periodic review, acknowledge training ("Read and understood") and retire, each with its reason when not
 * possible now; the signed history below.
 */
@Component(service = RecordAction.class)
public final class VersionLifecycleAction extends SopRecordAction {

    static final String TITLE = "SOP Version Lifecycle";

    public VersionLifecycleAction() {
        super(SopPackage.Literals.SOP_VERSION, "Lifecycle\u2026",
                "Send to review, review, approve, make effective, periodic review, training and retirement");
    }

    @Override
    public boolean enabledFor(RecordStore store, Record record) {
        return true; // everyone sees the history; trainees acknowledge; the steps say why they are not theirs
    }

    @Override
    public void run(Context context) {
        dialog(context.shell(), context.store(), (SopVersion) context.record()).open();
    }

    static LifecycleDialog<SopVersion> dialog(org.eclipse.swt.widgets.Shell parent, RecordStore store,
            SopVersion version) {
        SopLifecycle lifecycle = new SopLifecycle(store);
        return new LifecycleDialog<>(parent, TITLE, version, lifecycle.steps())
                .input(lifecycle.recordPeriodicReview, (shell, v) -> {
                    PeriodicReviewDialog d = new PeriodicReviewDialog(shell, v);
                    if (d.open() == Window.OK) {
                        PeriodicReview r = lifecycle.recordPeriodicReview(v, d.outcome(), d.notes());
                        new StepSignatureDialog(shell, "Sign the periodic review of " + SopVersions.name(v),
                                SopLifecycle.REVIEWED, r.getStatement(), (u, p) -> lifecycle.steps().sign(
                                        lifecycle.signPeriodicReview, v, r, u, p)).open();
                    }
                })
                .input(lifecycle.acknowledgeTraining, (shell, v) -> new StepSignatureDialog(shell, "Acknowledge "
                        + SopVersions.name(v), SopLifecycle.READ_AND_UNDERSTOOD, lifecycle.acknowledgement(v),
                        (u, p) -> lifecycle.acknowledge(v, p)).open()) // shows exactly what the record binds
                .note(v -> (v.getEffectiveDate() == null ? "" : "   (effective date " + v.getEffectiveDate()
                        .toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate() + ")") + (v
                                .getApprovedOnPaper() == null ? "" : "\nApproved on paper before the suite was used: "
                                        + v.getApprovedOnPaper()));
    }
}
