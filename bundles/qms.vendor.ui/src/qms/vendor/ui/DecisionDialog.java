package qms.vendor.ui;

import java.util.List;
import java.util.Optional;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import qms.vendor.core.Qualification;
import qms.vendor.model.QualificationStatus;
import qms.vendor.model.VendorProfile;
import qms.ui.TitledDialog;

/**
 * The qualification decision on a vendor: Qualified, Qualified with conditions (which states them) or Disqualified
 * (which states why), and the rationale; the decision is signed next. OK stays disabled, with the reason shown, while
 * the decision is incomplete.
 */
final class DecisionDialog extends TitledDialog {

    static final String TITLE = "Qualification Decision";
    private static final List<QualificationStatus> DECISIONS = List.of(QualificationStatus.QUALIFIED,
            QualificationStatus.QUALIFIED_WITH_CONDITIONS, QualificationStatus.DISQUALIFIED);

    private final VendorProfile profile;
    private Combo decision;
    private Text conditionsText;
    private Text rationaleText;
    private QualificationStatus chosen;
    private String conditions;
    private String rationale;

    DecisionDialog(Shell parent, VendorProfile profile) {
        super(parent, TITLE);
        this.profile = profile;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Composite c = body(area, "Qualification of " + profile.getVendorName(), "Decide on the evidence of the"
                + " assessment (audits, questionnaires, certificates, the agreement's clauses). You sign it next.", 2);
        new Label(c, SWT.NONE).setText("&Decision:");
        decision = new Combo(c, SWT.READ_ONLY);
        DECISIONS.forEach(d -> decision.add(d.getLiteral()));
        decision.select(1);
        conditionsText = text(c, "&Conditions:", 3);
        rationaleText = text(c, "&Rationale:", 4);
        decision.addListener(SWT.Selection, e -> check());
        conditionsText.addListener(SWT.Modify, e -> check());
        rationaleText.addListener(SWT.Modify, e -> check());
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        getButton(IDialogConstants.OK_ID).setText("&Sign Decision\u2026");
        check();
    }

    private void check() {
        if (getButton(IDialogConstants.OK_ID) == null) {
            return;
        }
        Optional<String> problem = Qualification.problem(DECISIONS.get(decision.getSelectionIndex()), conditionsText
                .getText(), rationaleText.getText());
        conditionsText.setEnabled(decision.getSelectionIndex() == 1);
        setErrorMessage(problem.map(p -> "Not yet: " + p + ".").orElse(null));
        getButton(IDialogConstants.OK_ID).setEnabled(problem.isEmpty());
    }

    @Override
    protected void buttonPressed(int buttonId) {
        if (buttonId == IDialogConstants.OK_ID) {
            chosen = DECISIONS.get(decision.getSelectionIndex());
            conditions = chosen == QualificationStatus.QUALIFIED_WITH_CONDITIONS ? conditionsText.getText() : null;
            rationale = rationaleText.getText();
        }
        super.buttonPressed(buttonId);
    }

    QualificationStatus decision() {
        return chosen;
    }

    String conditions() {
        return conditions;
    }

    String rationale() {
        return rationale;
    }
}
