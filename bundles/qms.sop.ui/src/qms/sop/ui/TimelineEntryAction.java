package qms.sop.ui;

import java.time.Instant;
import java.util.List;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.osgi.service.component.annotations.Component;

import qms.sop.core.Incidents;
import qms.sop.model.Incident;
import qms.sop.model.SopPackage;
import qms.ui.QmsUi;
import qms.ui.RecordAction;
import qms.ui.TitledDialog;

/**
 * "Add Timeline Entry…": what happened and when, appended to the incident's timeline; who recorded it and when is
 * stamped by the store, and entries are never edited afterwards.
 */
@Component(service = RecordAction.class)
public final class TimelineEntryAction extends SopRecordAction {

    static final String TITLE = "Add Timeline Entry";

    public TimelineEntryAction() {
        super(SopPackage.Literals.INCIDENT, "Add Timeline Entry\u2026", "Append what happened and when to the"
                + " incident's timeline (entries are never edited)");
    }

    @Override
    public void run(Context context) {
        Incident incident = (Incident) context.record();
        EntryDialog d = new EntryDialog(context.shell(), Incidents.name(incident));
        if (d.open() == Window.OK) {
            new Incidents(context.store()).addToTimeline(incident, d.at, d.text);
            QmsUi.get().changed(List.of(incident.getId()));
        }
    }

    static final class EntryDialog extends TitledDialog {

        private final String incident;
        private Moment moment;
        private Text what;
        Instant at;
        String text;

        EntryDialog(Shell parent, String incident) {
            super(parent, TITLE);
            this.incident = incident;
        }

        @Override
        protected Control createDialogArea(Composite parent) {
            Composite area = (Composite) super.createDialogArea(parent);
            Composite c = body(area, "Timeline of " + incident, "An entry is added, never changed: who recorded it and"
                    + " when are kept with it.", 2);
            new Label(c, SWT.NONE).setText("Occurred at:");
            moment = new Moment(c, Instant.now());
            what = text(c, "What happened:", 4);
            what.addListener(SWT.Modify, e -> getButton(IDialogConstants.OK_ID).setEnabled(!what.getText()
                    .isBlank()));
            return area;
        }

        @Override
        protected void createButtonsForButtonBar(Composite parent) {
            super.createButtonsForButtonBar(parent);
            getButton(IDialogConstants.OK_ID).setText("Add");
            getButton(IDialogConstants.OK_ID).setEnabled(false);
        }

        @Override
        protected void buttonPressed(int buttonId) {
            if (buttonId == IDialogConstants.OK_ID) {
                at = moment.get();
                text = what.getText().strip();
            }
            super.buttonPressed(buttonId);
        }
    }
}
