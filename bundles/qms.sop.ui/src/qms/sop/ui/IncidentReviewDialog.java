package qms.sop.ui;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import qms.sop.core.Incidents;
import qms.sop.model.Incident;
import qms.ui.TitledDialog;

/** The post-incident review: root cause, lessons learnt, whether a CAPA is needed; approved by signature next. */
final class IncidentReviewDialog extends TitledDialog {

    static final String TITLE = "Post-incident Review";

    private final Incident incident;
    private Text cause;
    private Text learnt;
    private Button capa;
    private String rootCause;
    private String lessons;
    private boolean capaNeeded;

    IncidentReviewDialog(Shell parent, Incident incident) {
        super(parent, TITLE);
        this.incident = incident;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Composite c = body(area, "Review of " + Incidents.name(incident), "What caused it and what is learnt. A QA"
                + " manager approves the review by signature, which closes the incident (and opens a CAPA when one is"
                + " needed and the CAPA module is installed).", 2);
        cause = text(c, "Root cause:", 3);
        learnt = text(c, "Lessons learnt:", 3);
        new Label(c, SWT.NONE);
        capa = new Button(c, SWT.CHECK);
        capa.setText("A CAPA is needed");
        capa.setSelection(true);
        cause.addListener(SWT.Modify, e -> check());
        learnt.addListener(SWT.Modify, e -> check());
        return area;
    }

    private void check() {
        boolean ok = !cause.getText().isBlank() && !learnt.getText().isBlank();
        getButton(IDialogConstants.OK_ID).setEnabled(ok);
        setErrorMessage(ok ? null : cause.getText().isBlank() ? "Root cause: say what caused the incident."
                : "Lessons learnt: say what is learnt.");
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        getButton(IDialogConstants.OK_ID).setText("Submit");
        getButton(IDialogConstants.OK_ID).setEnabled(false);
    }

    @Override
    protected void buttonPressed(int buttonId) {
        if (buttonId == IDialogConstants.OK_ID) {
            rootCause = cause.getText().strip();
            lessons = learnt.getText().strip();
            capaNeeded = capa.getSelection();
        }
        super.buttonPressed(buttonId);
    }

    String rootCause() {
        return rootCause;
    }

    String lessons() {
        return lessons;
    }

    boolean capaNeeded() {
        return capaNeeded;
    }
}
