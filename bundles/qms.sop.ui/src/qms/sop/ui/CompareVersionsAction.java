package qms.sop.ui;

import org.osgi.service.component.annotations.Component;

import qms.core.RecordStore;
import qms.model.Record;
import qms.sop.model.SopPackage;
import qms.sop.model.SopVersion;
import qms.ui.RecordAction;

/** "Compare…": what changed between this version and another of the same SOP, field by field and row by row. */
@Component(service = RecordAction.class)
public final class CompareVersionsAction extends SopRecordAction {

    public CompareVersionsAction() {
        super(SopPackage.Literals.SOP_VERSION, "Compare\u2026", "Compare this version with another version of the"
                + " SOP: fields, escalation matrix and steps added, removed or changed; on screen and as PDF");
    }

    @Override
    public boolean enabledFor(RecordStore store, Record record) {
        return true;
    }

    @Override
    public void run(Context context) {
        new CompareDialog(context.shell(), context.store(), (SopVersion) context.record()).open();
    }
}
