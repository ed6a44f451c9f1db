package qms.capa.ui;

import org.eclipse.emf.ecore.EClass;
import org.osgi.service.component.annotations.Component;

import qms.capa.model.Capa;
import qms.capa.model.CapaPackage;
import qms.core.RecordStore;
import qms.model.Record;
import qms.ui.RecordAction;

/** "Lifecycle…" on a CAPA's form: its status, the next steps (or why not), and its signed sign-offs. */
@Component(service = RecordAction.class)
public final class CapaLifecycleAction implements RecordAction {

    @Override
    public boolean appliesTo(EClass eClass) {
        return CapaPackage.Literals.CAPA.isSuperTypeOf(eClass);
    }

    @Override
    public String label() {
        return "Lifecycle\u2026";
    }

    @Override
    public String description() {
        return "Submit, approve, implement, check and close the CAPA, and see its signed sign-offs";
    }

    @Override
    public boolean enabledFor(RecordStore store, Record record) {
        return true; // auditors see the history; the steps are disabled for them, with the reason
    }

    @Override
    public void run(Context context) {
        CapaLifecycleDialog.of(context.shell(), context.store(), (Capa) context.record()).open();
    }
}
