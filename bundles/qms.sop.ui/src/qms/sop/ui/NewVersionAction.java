package qms.sop.ui;

import org.osgi.service.component.annotations.Component;

import qms.sop.core.SopVersions;
import qms.sop.model.Sop;
import qms.sop.model.SopPackage;
import qms.ui.QmsUi;
import qms.ui.RecordAction;

/**
 * "New Version" on an SOP: starts its next version as a draft (the newest version's content copied, numbered one
 * up) and opens it; an effective version is never edited, a change is a new version.
 */
@Component(service = RecordAction.class)
public final class NewVersionAction extends SopRecordAction {

    public NewVersionAction() {
        super(SopPackage.Literals.SOP, "New Version", "Start the next version of this SOP as a draft copy of the newest"
                + " one and open it");
    }

    @Override
    public boolean enabledFor(qms.core.RecordStore store, qms.model.Record record) {
        return store.accounts().mayWrite(SopPackage.Literals.SOP_VERSION);
    }

    @Override
    public void run(Context context) {
        var v = SopVersions.newVersion(context.store(), (Sop) context.record());
        QmsUi.get().changed(java.util.List.of(v.getId()));
        open(v);
    }
}
