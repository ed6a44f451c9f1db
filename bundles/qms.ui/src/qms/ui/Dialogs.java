package qms.ui;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Shell;

/** What the suite's dialogs share. */
public final class Dialogs {

    private Dialogs() {
    }

    /**
     * A dialog's initial size at most {@code maxWidth} pixels wide, as high as its content then needs: long messages
     * and hints wrap instead of stretching the dialog across the screen. Call from {@code getInitialSize()}.
     */
    public static Point initialSize(Shell shell, Point preferred, int maxWidth) {
        if (preferred.x <= maxWidth) {
            return preferred;
        }
        return new Point(maxWidth, Math.max(preferred.y, shell.computeSize(maxWidth, SWT.DEFAULT, true).y));
    }

    /**
     * The shell a command's dialog opens over: the active one, or the workbench window's when that is gone (a dialog
     * closed since, its successor's activation not told, as under a display without a window manager).
     */
    public static Shell parentShell(org.eclipse.core.commands.ExecutionEvent event) {
        Shell shell = org.eclipse.ui.handlers.HandlerUtil.getActiveShell(event);
        if (shell == null || shell.isDisposed()) {
            org.eclipse.ui.IWorkbenchWindow window = org.eclipse.ui.handlers.HandlerUtil.getActiveWorkbenchWindow(event);
            shell = window != null ? window.getShell() : null;
        }
        return shell;
    }
}
