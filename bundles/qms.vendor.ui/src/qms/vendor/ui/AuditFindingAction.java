package qms.vendor.ui;

import java.time.Instant;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.osgi.service.component.annotations.Component;

import qms.core.RecordStore;
import qms.model.Finding;
import qms.model.FindingGrade;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.ui.QmsUi;
import qms.ui.RecordAction;
import qms.ui.TitledDialog;
import qms.ui.editor.RecordEditor;
import qms.vendor.core.AuditFindings;
import qms.vendor.model.VendorAudit;
import qms.vendor.model.VendorPackage;

/**
 * "Raise Finding…" on a vendor audit: what the auditor found becomes a finding in the core's registry, about the
 * vendor and its systems and related to the audit, and opens in its form, where CAPA follows it.
 */
@Component(service = RecordAction.class)
public final class AuditFindingAction implements RecordAction {

    static final String TITLE = "Raise Finding from Vendor Audit";

    @Override
    public boolean appliesTo(EClass eClass) {
        return VendorPackage.Literals.VENDOR_AUDIT.isSuperTypeOf(eClass);
    }

    @Override
    public String label() {
        return "Raise Finding\u2026";
    }

    @Override
    public String description() {
        return "Record what the audit found as a finding of the vendor (CAPA follows it)";
    }

    @Override
    public boolean enabledFor(RecordStore store, Record record) {
        return store.accounts().mayWrite(QmsPackage.Literals.FINDING);
    }

    @Override
    public void run(Context context) {
        VendorAudit audit = (VendorAudit) context.record();
        FindingDialog d = new FindingDialog(context.shell(), audit);
        if (d.open() != Window.OK) {
            return;
        }
        Finding f = AuditFindings.raise(context.store(), audit, d.title, d.grade, d.description, Instant.now());
        QmsUi.get().changed(java.util.List.of(f.getId()));
        RecordEditor.open(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage(), f);
    }

    /** The finding's title, grade and description; OK once both texts are given. */
    static final class FindingDialog extends TitledDialog {

        private final VendorAudit audit;
        private Text titleText;
        private Combo gradeCombo;
        private Text descriptionText;
        String title;
        FindingGrade grade;
        String description;

        FindingDialog(Shell parent, VendorAudit audit) {
            super(parent, TITLE);
            this.audit = audit;
        }

        @Override
        protected Control createDialogArea(Composite parent) {
            Composite area = (Composite) super.createDialogArea(parent);
            Composite c = body(area, "Finding of " + audit.getTitle(), "The finding concerns the audited vendor and"
                    + " the systems it hosts, and is identified on the day the audit was performed.", 2);
            titleText = text(c, "&Title:", 1);
            new Label(c, SWT.NONE).setText("&Grade:");
            gradeCombo = new Combo(c, SWT.READ_ONLY);
            FindingGrade.VALUES.forEach(g -> gradeCombo.add(g.getLiteral()));
            gradeCombo.select(FindingGrade.MINOR.getValue());
            descriptionText = text(c, "&Description:", 5);
            titleText.addListener(SWT.Modify, e -> check());
            descriptionText.addListener(SWT.Modify, e -> check());
            return area;
        }

        @Override
        protected void createButtonsForButtonBar(Composite parent) {
            super.createButtonsForButtonBar(parent);
            getButton(IDialogConstants.OK_ID).setText("&Raise Finding");
            check();
        }

        private void check() {
            if (getButton(IDialogConstants.OK_ID) == null) {
                return;
            }
            java.util.Optional<String> problem = AuditFindings.problem(titleText.getText(), descriptionText.getText());
            setErrorMessage(problem.map(p -> "Not yet: " + p + ".").orElse(null));
            getButton(IDialogConstants.OK_ID).setEnabled(problem.isEmpty());
        }

        @Override
        protected void okPressed() {
            title = titleText.getText();
            grade = FindingGrade.VALUES.get(gradeCombo.getSelectionIndex());
            description = descriptionText.getText();
            super.okPressed();
        }
    }
}
