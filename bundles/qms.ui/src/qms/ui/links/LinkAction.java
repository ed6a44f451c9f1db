package qms.ui.links;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.jface.window.Window;
import org.osgi.service.component.annotations.Component;

import qms.core.RecordStore;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.ui.RecordAction;
import qms.ui.internal.Messages;

/**
 * "Link To…" in every record's form: links it to another record with one of the contributed link types, either
 * way (a CAPA "addresses" a finding; a finding "has evidence"). The link is saved at once and audited; the Trace view
 * shows it.
 */
@Component(service = RecordAction.class)
public final class LinkAction implements RecordAction {

    @Override
    public boolean appliesTo(EClass eClass) {
        return eClass != QmsPackage.Literals.LINK;
    }

    @Override
    public String label() {
        return Messages.Link_action;
    }

    @Override
    public String description() {
        return Messages.Link_actionDescription;
    }

    @Override
    public boolean enabledFor(RecordStore store, Record record) {
        return store.accounts().mayWrite(QmsPackage.Literals.LINK);
    }

    @Override
    public void run(Context context) {
        LinkDialog dialog = new LinkDialog(context.shell(), context.store(), context.record());
        if (dialog.open() == Window.OK && dialog.link() != null) {
            context.store().save(dialog.link(), null);
        }
    }
}
