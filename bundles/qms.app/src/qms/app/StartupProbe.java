package qms.app;

import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;

/**
 * For the start-up benchmark (releng/benchmark.sh): with {@code -Dqms.benchmark.startup=true}, prints the time of
 * each start-up phase since the JVM started ({@code QMS-PHASE <name> <ms>}) and {@code QMS-STARTUP-READY} once the
 * workbench window is open and idle, then closes the workbench.
 */
final class StartupProbe {

    static final String PROPERTY = "qms.benchmark.startup";
    static final String MARKER = "QMS-STARTUP-READY";

    private StartupProbe() {
    }

    /** Prints how long after the JVM's start a phase ended. */
    static void phase(String name) {
        if (Boolean.getBoolean(PROPERTY)) {
            long ms = System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean()
                    .getStartTime();
            System.out.println("QMS-PHASE " + name + " " + ms);
        }
    }

    static void windowOpened(Display display) {
        if (!Boolean.getBoolean(PROPERTY)) {
            return;
        }
        phase("window-opened");
        // asyncExec runs once the events queued by the window's opening (layout, first paint) are processed
        display.asyncExec(() -> {
            phase("window-idle");
            System.out.println(MARKER);
            System.out.flush();
            PlatformUI.getWorkbench().close();
        });
    }
}
