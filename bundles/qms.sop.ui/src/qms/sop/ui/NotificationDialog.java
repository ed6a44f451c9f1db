package qms.sop.ui;

import java.time.Instant;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import qms.sop.core.RegulatoryClocks.Deadline;
import qms.ui.TitledDialog;

/** A notification made: when, to whom, their reference; after the deadline, why it was late (required). */
final class NotificationDialog extends TitledDialog {

    static final String TITLE = "Record Notification";

    private final Deadline deadline;
    private Moment moment;
    private Text recipientText;
    private Text referenceText;
    private Text reasonText;
    Instant sentAt;
    String recipient;
    String reference;
    String delayReason;

    NotificationDialog(Shell parent, Deadline deadline) {
        super(parent, TITLE);
        this.deadline = deadline;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Composite c = body(area, deadline.label(), deadline.due() == null ? "This deadline has not started yet."
                : "Due " + SopRecordAction.LOCAL.format(deadline.due()) + " (" + deadline.basis() + ").", 2);
        new Label(c, SWT.NONE).setText("Sent at:");
        moment = new Moment(c, Instant.now());
        recipientText = text(c, "Recipient:", 1);
        recipientText.setText(deadline.recipient() == null ? "" : deadline.recipient());
        referenceText = text(c, "Their reference:", 1);
        reasonText = text(c, "Reason for delay:", 3);
        return area;
    }

    @Override
    protected void buttonPressed(int buttonId) {
        if (buttonId == IDialogConstants.OK_ID) {
            Instant at = moment.get();
            boolean late = deadline.due() != null && at.isAfter(deadline.due());
            if (recipientText.getText().isBlank()) {
                setErrorMessage("Recipient: say who was notified.");
                return;
            }
            if (late && reasonText.getText().isBlank()) {
                setErrorMessage("Reason for delay: the notification was sent after its deadline ("
                        + SopRecordAction.LOCAL.format(deadline.due()) + "); say why.");
                return;
            }
            if (at.isAfter(Instant.now().plusSeconds(60))) {
                setErrorMessage("Sent at: a notification cannot be recorded before it is sent.");
                return;
            }
            sentAt = at;
            recipient = recipientText.getText().strip();
            reference = referenceText.getText().isBlank() ? null : referenceText.getText().strip();
            delayReason = reasonText.getText().isBlank() ? null : reasonText.getText().strip();
        }
        super.buttonPressed(buttonId);
    }
}
