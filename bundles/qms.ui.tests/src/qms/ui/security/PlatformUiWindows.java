package qms.ui.security;

import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;

/** Test clean-up: shows windows a failed test left hidden behind a lock dialog. */
final class PlatformUiWindows {

    private PlatformUiWindows() {
    }

    static void showAll() {
        for (IWorkbenchWindow w : PlatformUI.getWorkbench().getWorkbenchWindows()) {
            if (!w.getShell().isDisposed()) {
                w.getShell().setVisible(true);
            }
        }
    }
}
