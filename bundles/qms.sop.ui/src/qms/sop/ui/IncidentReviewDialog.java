package qms.sop.ui;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import qms.sop.core.Incidents;
import qms.sop.model.Incident;

/** The post-incident review: root cause, lessons learnt, whether a CAPA is needed; approved by signature next. */
final class IncidentReviewDialog extends TitleAreaDialog {

    static final String TITLE = "Post-incident Review";

    private final Incident incident;
    private Text cause;
    private Text learnt;
    private Button capa;
    private String rootCause;
    private String lessons;
    private boolean capaNeeded;

    IncidentReviewDialog(Shell parent, Incident incident) {
        super(parent);
        this.incident = incident;
        setShellStyle(getShellStyle() | SWT.RESIZE);
        setHelpAvailable(false);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(TITLE);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Review of " + Incidents.name(incident));
        setMessage("What caused it and what is learnt. A QA manager approves the review by signature, which closes the"
                + " incident (and opens a CAPA when one is needed and the CAPA module is installed).");
        Composite c = new Composite(area, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(c);
        GridLayoutFactory.fillDefaults().numColumns(2).margins(10, 8).applyTo(c);
        cause = field(c, "Root cause:");
        learnt = field(c, "Lessons learnt:");
        new Label(c, SWT.NONE);
        capa = new Button(c, SWT.CHECK);
        capa.setText("A CAPA is needed");
        capa.setSelection(true);
        cause.addListener(SWT.Modify, e -> check());
        learnt.addListener(SWT.Modify, e -> check());
        return area;
    }

    private static Text field(Composite c, String label) {
        Label l = new Label(c, SWT.NONE);
        l.setText(label);
        GridDataFactory.fillDefaults().align(SWT.LEFT, SWT.TOP).applyTo(l);
        Text t = new Text(c, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).hint(480, 70).applyTo(t);
        return t;
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
