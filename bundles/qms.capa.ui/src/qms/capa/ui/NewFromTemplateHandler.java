package qms.capa.ui;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.dialogs.ElementListSelectionDialog;
import org.eclipse.ui.handlers.HandlerUtil;

import qms.capa.core.CapaLifecycle;
import qms.capa.core.CapaTemplates;
import qms.capa.model.CapaPackage;
import qms.ui.QmsUi;
import qms.ui.editor.RecordEditor;
import qms.ui.editor.RecordEditorInput;

/**
 * CAPA › New CAPA from Template…: picks one of the typical CAPAs and opens it, filled in (title, systemic root
 * cause, corrective and preventive actions with due dates from today, success criteria), as a new unsaved CAPA.
 */
public final class NewFromTemplateHandler extends AbstractHandler {

    static final String TITLE = "New CAPA from Template";

    @Override
    public Object execute(ExecutionEvent event) {
        Shell shell = qms.ui.Dialogs.parentShell(event);
        if (!QmsUi.get().store().accounts().mayWrite(CapaPackage.Literals.CAPA)) {
            MessageDialog.openInformation(shell, TITLE, "Your roles do not allow creating CAPAs.");
            return null;
        }
        ElementListSelectionDialog dialog = new ElementListSelectionDialog(shell, new LabelProvider() {
            @Override
            public String getText(Object element) {
                return ((CapaTemplates.Template) element).name();
            }
        });
        dialog.setTitle(TITLE);
        dialog.setMessage("Choose a template (type to filter); the new CAPA opens for you to adapt and save:");
        dialog.setElements(CapaTemplates.all().toArray());
        dialog.setMultipleSelection(false);
        if (dialog.open() != Window.OK || dialog.getFirstResult() == null) {
            return null;
        }
        CapaTemplates.Template t = (CapaTemplates.Template) dialog.getFirstResult();
        try {
            HandlerUtil.getActiveWorkbenchWindow(event).getActivePage().openEditor(RecordEditorInput.create(
                    CapaTemplates.newCapa(t, new CapaLifecycle(QmsUi.get().store()).today())), RecordEditor.ID);
        } catch (PartInitException e) {
            MessageDialog.openError(shell, TITLE, e.getMessage());
        }
        return null;
    }
}
