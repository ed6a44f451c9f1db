package qms.ui.trace;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.osgi.service.component.annotations.Component;

import qms.core.RecordStore;
import qms.core.StoreException;
import qms.model.Record;
import qms.ui.RecordAction;
import qms.ui.internal.Messages;

/** "Trace" in every record's form: shows the record in the Trace view. Reads only, so auditors use it too. */
@Component(service = RecordAction.class)
public final class TraceAction implements RecordAction {

    @Override
    public boolean appliesTo(EClass eClass) {
        return true;
    }

    @Override
    public String label() {
        return Messages.Trace_action;
    }

    @Override
    public String description() {
        return Messages.Trace_actionDescription;
    }

    @Override
    public boolean enabledFor(RecordStore store, Record record) {
        return true;
    }

    @Override
    public void run(Context context) {
        try {
            TraceView.open(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage(), context.record());
        } catch (PartInitException e) {
            throw new StoreException(e.getMessage(), e);
        }
    }
}
