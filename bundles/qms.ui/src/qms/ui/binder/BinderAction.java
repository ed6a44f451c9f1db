package qms.ui.binder;

import java.util.List;

import org.eclipse.emf.ecore.EClass;
import org.osgi.service.component.annotations.Component;

import qms.core.RecordStore;
import qms.model.Record;
import qms.ui.RecordAction;
import qms.ui.internal.Messages;

/** "Export Inspection Binder…" on the form of a binder root (a finding; with its module, an incident). Reads only, so auditors use it too. */
@Component(service = RecordAction.class)
public final class BinderAction implements RecordAction {

    @Override
    public boolean appliesTo(EClass eClass) {
        return qms.ui.QmsUi.get().model().flag(eClass, qms.core.Hints.BINDER_ROOT);
    }

    @Override
    public String label() {
        return Messages.Binder_action;
    }

    @Override
    public String description() {
        return Messages.Binder_actionDescription;
    }

    @Override
    public boolean enabledFor(RecordStore store, Record record) {
        return true;
    }

    @Override
    public void run(Context context) {
        BinderExport.chooseAndExport(context.shell(), List.of(context.record()));
    }
}
