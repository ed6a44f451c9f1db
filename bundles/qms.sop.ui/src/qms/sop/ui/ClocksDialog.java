package qms.sop.ui;

import java.time.Instant;
import java.util.List;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

import qms.core.RecordStore;
import qms.core.Records;
import qms.core.StoreException;
import qms.sop.core.Incidents;
import qms.sop.core.RegulatoryClocks;
import qms.sop.core.RegulatoryClocks.Deadline;
import qms.sop.core.RegulatoryClocks.State;
import qms.sop.model.Incident;
import qms.sop.model.Notification;
import qms.sop.model.SopPackage;
import qms.ui.QmsUi;
import qms.ui.TitledDialog;

/**
 * An incident's clocks: each deadline that applies (regulation or agreement, who is told, due in the viewer's zone,
 * what it counts from, where it stands, time left), the notification that met it; "Record Notification…" on the
 * selected deadline. A notification after its deadline needs the reason for the delay.
 */
final class ClocksDialog extends TitledDialog {

    static final String TITLE = "Notification Clocks";
    static final int RECORD_ID = IDialogConstants.CLIENT_ID + 2;

    private final RecordStore store;
    private final Incidents incidents;
    private Incident incident;
    private List<Deadline> deadlines = List.of();
    private Table table;

    ClocksDialog(Shell parent, RecordStore store, Incident incident) {
        super(parent, TITLE);
        this.store = store;
        this.incidents = new Incidents(store);
        this.incident = incident;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Composite c = body(area, "", "", 1);
        table = table(c, SWT.SINGLE, new String[][] { { "Deadline", "260" }, { "Recipient", "190" }, { "Due", "160" },
                { "Counts from", "175" }, { "State", "75" }, { "Left", "115" }, { "Notified", "170" } });
        GridDataFactory.fillDefaults().grab(true, true).hint(1150, 220).applyTo(table);
        table.addListener(SWT.Selection, e -> enable());
        table.addListener(SWT.MouseHover, e -> {
            TableItem item = table.getItem(new org.eclipse.swt.graphics.Point(e.x, e.y));
            if (item != null) {
                StringBuilder tip = new StringBuilder();
                for (int k = 0; k < table.getColumnCount(); k++) {
                    if (!item.getText(k).isEmpty()) {
                        tip.append(table.getColumn(k).getText()).append(": ").append(item.getText(k)).append('\n');
                    }
                }
                table.setToolTipText(tip.toString().strip());
            }
        });
        fill();
        return area;
    }

    private void fill() {
        Instant now = Instant.now();
        deadlines = RegulatoryClocks.deadlines(incident, incidents.agreements());
        setTitle("Notification deadlines of " + Incidents.name(incident));
        long overdue = deadlines.stream().filter(d -> d.state(now) == State.OVERDUE).count();
        setMessage(deadlines.isEmpty() ? "No notification clock applies: no personal data, trial subjects, trial data"
                + " integrity or health information affected, and no sponsor or vendor agreement."
                : deadlines.size() + " deadline(s), " + deadlines.stream().filter(Deadline::pending).count()
                        + " still to notify" + (overdue > 0 ? ", " + overdue + " overdue" : "") + ". Aware at "
                        + SopRecordAction.local(incident.getAwareAt()) + ".", overdue > 0 ? org.eclipse.jface.dialogs.IMessageProvider.WARNING
                        : org.eclipse.jface.dialogs.IMessageProvider.NONE);
        table.removeAll();
        for (Deadline d : deadlines) {
            TableItem item = new TableItem(table, SWT.NONE);
            Notification n = d.notification();
            item.setText(new String[] { d.label(), d.recipient(), d.due() == null ? "" : SopRecordAction.LOCAL.format(
                    d.due()), d.basis(), d.state(now).label(), d.left(now) == null ? "" : (d.left(now).isNegative()
                            ? "overdue " : "") + RegulatoryClocks.duration(d.left(now)), n == null ? ""
                                    : SopRecordAction.local(n.getSentAt()) + (n.getReference() == null ? "" : ", "
                                            + n.getReference()) });
            if (d.state(now) == State.OVERDUE || d.state(now) == State.LATE) {
                item.setForeground(getShell().getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
            }
        }
        if (!deadlines.isEmpty()) {
            int first = 0;
            while (first < deadlines.size() - 1 && !deadlines.get(first).pending()) {
                first++;
            }
            table.select(first);
        }
        enable();
    }

    private Deadline selected() {
        int i = table.getSelectionIndex();
        return i < 0 ? null : deadlines.get(i);
    }

    private void enable() {
        Button b = getButton(RECORD_ID);
        if (b != null) {
            Deadline d = selected();
            b.setEnabled(d != null && d.pending() && store.accounts().mayWrite(incident.eClass()));
        }
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, RECORD_ID, "Record Notification\u2026", false);
        createButton(parent, IDialogConstants.CLOSE_ID, IDialogConstants.CLOSE_LABEL, true);
        enable();
    }

    @Override
    protected void buttonPressed(int buttonId) {
        if (buttonId == RECORD_ID && selected() != null) {
            record(selected());
        } else if (buttonId == IDialogConstants.CLOSE_ID) {
            close();
        }
        super.buttonPressed(buttonId);
    }

    private void record(Deadline d) {
        NotificationDialog nd = new NotificationDialog(getShell(), d);
        if (nd.open() != Window.OK) {
            return;
        }
        Notification n = Records.newRecord(SopPackage.Literals.NOTIFICATION);
        n.setClock(d.clock());
        n.setAgreement(d.agreement());
        n.setRecipient(nd.recipient);
        n.setSentAt(java.util.Date.from(nd.sentAt));
        n.setReference(nd.reference);
        n.setDelayReason(nd.delayReason);
        try {
            incident = incidents.recordNotification((Incident) store.get(incident.getId()), n);
            QmsUi.get().changed(List.of(incident.getId()));
        } catch (StoreException e) {
            MessageDialog.openError(getShell(), TITLE, e.getMessage());
        }
        fill();
    }
}
