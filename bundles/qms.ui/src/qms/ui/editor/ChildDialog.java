package qms.ui.editor;

import org.eclipse.emf.common.command.BasicCommandStack;
import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.edit.domain.EditingDomain;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.forms.FormDialog;
import org.eclipse.ui.forms.IManagedForm;

import qms.core.Validation;

/**
 * Edits a contained record (e.g. a site of an organisation) with the same generated form, on the editor's command
 * stack: OK keeps the edits (they stay undoable), Cancel undoes what was done in the dialog.
 */
final class ChildDialog extends FormDialog {

    private final EditingDomain domain;
    private final EObject child;
    private final Command top;
    private FormRenderer renderer;
    private org.eclipse.emf.common.command.CommandStackListener listener;

    ChildDialog(Shell shell, EditingDomain domain, EObject child) {
        super(shell);
        this.domain = domain;
        this.child = child;
        this.top = domain.getCommandStack().getMostRecentCommand();
    }


    @Override
    protected void createFormContent(IManagedForm managed) {
        managed.getForm().setText(Validation.typeLabel(child.eClass()));
        managed.getToolkit().decorateFormHeading(managed.getForm().getForm());
        renderer = new FormRenderer(managed.getToolkit(), domain, managed.getMessageManager(), c -> {
        });
        renderer.render(managed.getForm().getBody(), child);
        renderer.validate();
        listener = e -> {
            if (!managed.getForm().isDisposed()) {
                renderer.validate();
            }
        };
        domain.getCommandStack().addCommandStackListener(listener);
    }

    @Override
    public boolean close() {
        if (listener != null) {
            domain.getCommandStack().removeCommandStackListener(listener);
        }
        return super.close();
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(Validation.typeLabel(child.eClass()));
    }

    @Override
    protected void okPressed() {
        renderer.flush();
        super.okPressed();
    }

    @Override
    protected void cancelPressed() {
        BasicCommandStack stack = (BasicCommandStack) domain.getCommandStack();
        while (stack.canUndo() && stack.getMostRecentCommand() != top) {
            stack.undo();
        }
        super.cancelPressed();
    }
}
