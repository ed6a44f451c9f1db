package qms.sop.ui;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import qms.sop.core.SopVersions;
import qms.sop.model.ReviewOutcome;
import qms.sop.model.SopVersion;
import qms.ui.TitledDialog;

/** The outcome of a periodic review (no change / revise) and its notes; the review is then signed "Reviewed". */
final class PeriodicReviewDialog extends TitledDialog {

    static final String TITLE = "Record Periodic Review";

    private final SopVersion version;
    private Button noChange;
    private Text notesText;
    private ReviewOutcome outcome;
    private String notes;

    PeriodicReviewDialog(Shell parent, SopVersion version) {
        super(parent, TITLE);
        this.version = version;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Composite c = body(area, "Periodic review of " + SopVersions.name(version), "Is the procedure still right as"
                + " it is? \u201cRevise\u201d starts a new draft version. You sign the review next.", 2);
        new Label(c, SWT.NONE).setText("Outcome:");
        Composite radios = new Composite(c, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(radios);
        noChange = new Button(radios, SWT.RADIO);
        noChange.setText(ReviewOutcome.NO_CHANGE.getLiteral());
        noChange.setSelection(true);
        new Button(radios, SWT.RADIO).setText(ReviewOutcome.REVISE.getLiteral());
        notesText = text(c, "Notes:", 4);
        return area;
    }

    @Override
    protected void buttonPressed(int buttonId) {
        if (buttonId == IDialogConstants.OK_ID) {
            outcome = noChange.getSelection() ? ReviewOutcome.NO_CHANGE : ReviewOutcome.REVISE;
            notes = notesText.getText();
        }
        super.buttonPressed(buttonId);
    }

    ReviewOutcome outcome() {
        return outcome;
    }

    String notes() {
        return notes;
    }
}
