package qms.ui.binder;

import java.util.List;

import org.eclipse.emf.ecore.EClass;
import org.osgi.service.component.annotations.Component;

import qms.core.RecordStore;
import qms.model.Finding;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.ui.RecordAction;
import qms.ui.internal.Messages;

/** "Export Inspection Binder…" on a finding's form. Reads only, so auditors use it too. */
@Component(service = RecordAction.class)
public final class BinderAction implements RecordAction {

    @Override
    public boolean appliesTo(EClass eClass) {
        return QmsPackage.Literals.FINDING.isSuperTypeOf(eClass);
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
        BinderExport.chooseAndExport(context.shell(), List.of((Finding) context.record()));
    }
}
