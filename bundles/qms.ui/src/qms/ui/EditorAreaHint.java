package qms.ui;

import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IPartListener2;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.IWorkbenchWindow;

/**
 * What the editor area says while no form is open, so that a new user is not left with a blank middle of the
 * window: where records are and how to open one.
 */
public final class EditorAreaHint {

    public static final String TEXT = "Double-click a record in Records to open its form. Window \u203a Dashboard"
            + " shows the figures of every installed module.";
    /** The e4 model's id of the stack that holds the editors. */
    private static final String EDITOR_STACK = "org.eclipse.e4.primaryDataStack";

    private EditorAreaHint() {
    }

    /** Shows the hint in the window's editor area whenever it holds no editor. */
    public static void install(IWorkbenchWindow window) {
        EModelService models = window.getService(EModelService.class);
        MWindow model = window.getService(MWindow.class);
        if (models == null || model == null) {
            return;
        }
        MPartStack stack = models.find(EDITOR_STACK, model) instanceof MPartStack s ? s : null;
        if (stack == null || !(stack.getWidget() instanceof CTabFolder folder)) {
            return;
        }
        Label hint = new Label(folder, SWT.WRAP | SWT.CENTER);
        hint.setText(TEXT);
        hint.setForeground(folder.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW));
        Runnable update = () -> {
            if (hint.isDisposed()) {
                return;
            }
            boolean empty = folder.getItemCount() == 0;
            if (empty) {
                Rectangle area = folder.getClientArea();
                int width = Math.max(100, Math.min(area.width - 40, 520));
                int height = hint.computeSize(width, SWT.DEFAULT).y;
                hint.setBounds(area.x + (area.width - width) / 2, area.y + Math.max(20, area.height / 3 - height / 2),
                        width, height);
                hint.moveAbove(null);
            }
            hint.setVisible(empty);
        };
        folder.addListener(SWT.Resize, e -> update.run());
        window.getPartService().addPartListener(new IPartListener2() {
            @Override
            public void partOpened(IWorkbenchPartReference ref) {
                later(folder, update);
            }

            @Override
            public void partClosed(IWorkbenchPartReference ref) {
                later(folder, update);
            }
        });
        update.run();
    }

    /** Once the stack has its tabs for the change (its items are made or disposed after the part event). */
    private static void later(CTabFolder folder, Runnable update) {
        if (!folder.isDisposed()) {
            folder.getDisplay().asyncExec(update);
        }
    }
}
