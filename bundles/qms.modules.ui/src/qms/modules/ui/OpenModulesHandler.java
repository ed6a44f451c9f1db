package qms.modules.ui;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;

import qms.modules.ModuleChanges;
import qms.modules.ModuleException;
import qms.modules.Modules;
import qms.ui.QmsUi;

/** Help › Modules…: the dialog on this installation's own p2 profile; restarts the suite when asked. */
public final class OpenModulesHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        Shell shell = qms.ui.Dialogs.parentShell(event);
        Modules modules;
        try {
            modules = Modules.running();
        } catch (ModuleException e) {
            MessageDialog.openInformation(shell, "Modules", e.getMessage());
            return null;
        }
        ModulesDialog dialog = new ModulesDialog(shell, modules, new ModuleChanges(QmsUi.get().store(), modules));
        if (dialog.open() == ModulesDialog.RESTART) {
            PlatformUI.getWorkbench().restart();
        }
        return null;
    }
}
