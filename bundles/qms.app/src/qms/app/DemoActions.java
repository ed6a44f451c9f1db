package qms.app;

import java.util.List;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.ui.PlatformUI;

import qms.core.DemoData;
import qms.core.StoreException;
import qms.ui.QmsUi;

/** Loads the demo organisation (first start, or File > Load Demo Data while the database is empty). */
final class DemoActions {

    private DemoActions() {
    }

    /** Whether File › Load Demo Data is offered: an empty database, and a user who may create an organisation. */
    static boolean offered() {
        try {
            return qms.ui.Session.principal() != null && DemoData.isEmpty(QmsUi.get().store()) && QmsUi.get().store()
                    .accounts().mayWrite(qms.model.QmsPackage.Literals.ORGANISATION);
        } catch (RuntimeException e) {
            return false; // the store closing
        }
    }

    static void loadDemoData() {
        try {
            if (!DemoData.isEmpty(QmsUi.get().store())) {
                MessageDialog.openInformation(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(),
                        "Demo data", "The database already holds an organisation; the demo data is loaded only"
                                + " into an empty database.");
                return;
            }
            DemoData.load(QmsUi.get().store());
            QmsUi.get().changed(List.of());
        } catch (StoreException e) {
            MessageDialog.openError(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), "Demo data",
                    e.getMessage());
        }
    }
}
