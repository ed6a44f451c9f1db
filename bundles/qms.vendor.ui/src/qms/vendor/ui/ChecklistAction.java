package qms.vendor.ui;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.jface.dialogs.MessageDialog;
import org.osgi.service.component.annotations.Component;

import qms.ui.QmsUi;
import qms.ui.RecordAction;
import qms.vendor.core.Clauses;
import qms.vendor.model.ServiceAgreement;
import qms.vendor.model.VendorPackage;

/**
 * "Fill GxP Checklist" on an agreement: a required, not yet assessed clause row for every GxP topic the agreement has
 * none of, so that the reviewer assesses each against the contract (present, partial, absent and its section).
 */
@Component(service = RecordAction.class)
public final class ChecklistAction implements RecordAction {

    static final String TITLE = "GxP Clause Checklist";

    @Override
    public boolean appliesTo(EClass eClass) {
        return VendorPackage.Literals.SERVICE_AGREEMENT.isSuperTypeOf(eClass);
    }

    @Override
    public String label() {
        return "Fill GxP Checklist";
    }

    @Override
    public String description() {
        return "Add a clause to assess for every GxP topic the agreement does not list yet";
    }

    @Override
    public void run(Context context) {
        ServiceAgreement a = (ServiceAgreement) context.store().get(context.record().getId());
        int added = Clauses.fillChecklist(a);
        if (added == 0) {
            MessageDialog.openInformation(context.shell(), TITLE, "Every GxP topic is on the checklist of "
                    + a.getReference() + " already.");
            return;
        }
        context.store().save(a, "GxP clause checklist filled");
        QmsUi.get().changed(java.util.List.of(a.getId()));
        MessageDialog.openInformation(context.shell(), TITLE, "Added " + added + " clause" + (added == 1 ? "" : "s")
                + " to assess to " + a.getReference() + ": for each, say whether the contract covers it (present,"
                + " partial, absent) and in which section. Until then each is a gap.");
    }
}
