package qms.vendor.ui;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.osgi.service.component.annotations.Component;

import qms.core.RecordStore;
import qms.model.Record;
import qms.ui.RecordAction;
import qms.ui.lifecycle.LifecycleDialog;
import qms.ui.security.StepSignatureDialog;
import qms.vendor.core.Criticality;
import qms.vendor.core.Qualification;
import qms.vendor.core.Vendors;
import qms.vendor.model.VendorPackage;
import qms.vendor.model.VendorProfile;

/**
 * "Qualification…" on a vendor profile: the core's lifecycle dialog with its history of signed decisions, Start
 * Assessment, and Record Decision…, which asks for the decision and has it signed "Qualification decided".
 */
@Component(service = RecordAction.class)
public final class QualificationAction implements RecordAction {

    static final String TITLE = "Vendor Qualification";

    @Override
    public boolean appliesTo(EClass eClass) {
        return VendorPackage.Literals.VENDOR_PROFILE.isSuperTypeOf(eClass);
    }

    @Override
    public String label() {
        return "Qualification\u2026";
    }

    @Override
    public String description() {
        return "Start the (re)assessment and sign the qualification decision";
    }

    @Override
    public boolean enabledFor(RecordStore store, Record record) {
        return true; // everyone sees the signed decisions; the steps say why they are not theirs
    }

    @Override
    public void run(Context context) {
        dialog(context.shell(), context.store(), (VendorProfile) context.record()).open();
    }

    static LifecycleDialog<VendorProfile> dialog(Shell parent, RecordStore store, VendorProfile profile) {
        Qualification q = new Qualification(store);
        return new LifecycleDialog<>(parent, TITLE, profile, q.steps())
                .input(q.recordDecision, (shell, p) -> {
                    DecisionDialog d = new DecisionDialog(shell, p);
                    if (d.open() == Window.OK) {
                        new StepSignatureDialog(shell, "Sign the qualification of " + p.getVendorName(),
                                Qualification.DECIDED, q.statement(p, d.decision(), d.conditions(), d.rationale()),
                                (u, pw) -> q.decide(p, d.decision(), d.conditions(), d.rationale(), u, pw)).open();
                    }
                })
                .note(p -> {
                    Criticality c = Criticality.of(p, Vendors.hosted(store, qms.core.Records.id(p.getVendor())));
                    return "\nCriticality " + c.level().getLiteral() + " (" + c.basis() + ")" + c.requalificationDue(
                            qms.core.Days.dayOf(p.getQualifiedOn()), Vendors.settings(store)).map(
                                    d -> "; requalification due " + d).orElse("");
                });
    }
}
