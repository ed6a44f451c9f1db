package qms.sop.ui;

import org.osgi.service.component.annotations.Component;

import qms.core.RecordStore;
import qms.model.Record;
import qms.sop.model.Incident;
import qms.sop.model.SopPackage;
import qms.ui.RecordAction;

/** "Notification Clocks…": the incident's regulatory and contractual deadlines and the notifications made. */
@Component(service = RecordAction.class)
public final class ClocksAction extends SopRecordAction {

    public ClocksAction() {
        super(SopPackage.Literals.INCIDENT, "Notification Clocks\u2026", "The notification deadlines that apply"
                + " (GDPR, NIS2, EU CTR, HIPAA, sponsors, contracts), time left, and recording a notification made");
    }

    @Override
    public boolean enabledFor(RecordStore store, Record record) {
        return true;
    }

    @Override
    public void run(Context context) {
        new ClocksDialog(context.shell(), context.store(), (Incident) context.record()).open();
    }
}
