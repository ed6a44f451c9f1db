package qms.ui.editor;

import org.eclipse.emf.common.command.CommandStack;
import org.eclipse.emf.common.command.CommandStackListener;
import org.eclipse.jface.action.Action;
import org.eclipse.ui.IActionBars;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.part.EditorActionBarContributor;

import qms.ui.internal.Messages;

/** Connects the workbench's Undo and Redo (Edit menu, Ctrl+Z, Ctrl+Y) to the active record editor's commands. */
public final class RecordEditorContributor extends EditorActionBarContributor {

    private final StackAction undo = new StackAction(true);
    private final org.eclipse.ui.IPropertyListener typing = (source, property) -> {
        if (property == IEditorPart.PROP_DIRTY) {
            undo.update();
        }
    };
    private RecordEditor active;
    private final StackAction redo = new StackAction(false);
    private CommandStack stack;
    private final CommandStackListener listener = e -> {
        undo.update();
        redo.update();
    };

    @Override
    public void init(IActionBars bars) {
        super.init(bars);
        bars.setGlobalActionHandler(ActionFactory.UNDO.getId(), undo);
        bars.setGlobalActionHandler(ActionFactory.REDO.getId(), redo);
    }

    @Override
    public void setActiveEditor(IEditorPart editor) {
        if (stack != null) {
            stack.removeCommandStackListener(listener);
        }
        if (active != null) {
            active.removePropertyListener(typing);
        }
        active = editor instanceof RecordEditor r ? r : null;
        stack = active == null ? null : active.getEditingDomain().getCommandStack();
        if (stack != null) {
            stack.addCommandStackListener(listener);
            active.addPropertyListener(typing); // typing started: what is typed can be undone at once
        }
        undo.update();
        redo.update();
    }

    @Override
    public void dispose() {
        if (stack != null) {
            stack.removeCommandStackListener(listener);
        }
        if (active != null) {
            active.removePropertyListener(typing);
        }
        super.dispose();
    }

    private final class StackAction extends Action {
        private final boolean isUndo;

        StackAction(boolean isUndo) {
            this.isUndo = isUndo;
            ISharedImages images = PlatformUI.getWorkbench().getSharedImages();
            setImageDescriptor(images.getImageDescriptor(isUndo ? ISharedImages.IMG_TOOL_UNDO
                    : ISharedImages.IMG_TOOL_REDO));
            update();
        }

        /** Typed text not yet committed to the record (it is undone first). */
        private boolean typed() {
            return isUndo && active != null && active.renderer() != null && active.renderer().hasPending();
        }

        void update() {
            boolean can = stack != null && (isUndo ? stack.canUndo() || typed() : stack.canRedo());
            setEnabled(can);
            var cmd = stack == null ? null : isUndo ? stack.getUndoCommand() : stack.getRedoCommand();
            String label = cmd == null || cmd.getLabel() == null ? "" : " " + cmd.getLabel();
            setText((isUndo ? Messages.Editor_undo : Messages.Editor_redo) + label);
        }

        @Override
        public void run() {
            if (stack != null) {
                if (typed()) {
                    active.renderer().flush(); // commit it, so that it is the command undone
                }
                if (isUndo && stack.canUndo()) {
                    stack.undo();
                } else if (!isUndo && stack.canRedo()) {
                    stack.redo();
                }
            }
        }
    }
}
