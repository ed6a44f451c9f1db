package qms.app;

import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;

/**
 * For the start-up benchmark (releng/benchmark.sh): with {@code -Dqms.benchmark.startup=true}, prints
 * {@code QMS-STARTUP-READY} once the workbench window is open and idle, then closes the workbench.
 */
final class StartupProbe {

    static final String PROPERTY = "qms.benchmark.startup";
    static final String MARKER = "QMS-STARTUP-READY";

    private StartupProbe() {
    }

    static void windowOpened(Display display) {
        if (!Boolean.getBoolean(PROPERTY)) {
            return;
        }
        // asyncExec runs once the events queued by the window's opening (layout, first paint) are processed
        display.asyncExec(() -> {
            System.out.println(MARKER);
            System.out.flush();
            PlatformUI.getWorkbench().close();
        });
    }
}
