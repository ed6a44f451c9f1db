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
    /**
     * With {@code -Dqms.benchmark.content=true}: before closing, also waits until the dashboard has drawn its figures
     * (phase {@code dashboard-drawn}), so that the phases show when the window's content, not only the window, is
     * there.
     */
    static final String CONTENT_PROPERTY = "qms.benchmark.content";
    /** With {@code -Dqms.benchmark.view=<view id>}: also opens that view once the window is idle (P4). */
    static final String VIEW_PROPERTY = "qms.benchmark.view";
    /** With {@code -Dqms.benchmark.trace=<record id>} and the Trace view: traces that record in it (P6). */
    static final String TRACE_PROPERTY = "qms.benchmark.trace";

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
            String view = System.getProperty(VIEW_PROPERTY);
            if (view != null) {
                openView(view);
            }
            if (Boolean.getBoolean(CONTENT_PROPERTY)) {
                long deadline = System.nanoTime() + 60_000_000_000L;
                display.timerExec(60_000, () -> { // wakes the loop below at the deadline
                });
                while (!qms.ui.dashboard.DashboardEditor.drawnOnce() && System.nanoTime() < deadline) {
                    if (!display.readAndDispatch()) {
                        display.sleep();
                    }
                }
            }
            System.out.flush();
            PlatformUI.getWorkbench().close();
        });
    }

    /**
     * Opens the view and paints it ({@code update} paints what is damaged, now), waits while it computes its content
     * in the background ({@link qms.ui.QmsViewPart#loading()}) and paints that, then prints {@code QMS-VIEW <id>
     * <ms> <heap MB> <frame ms> <complete ms>}: the time from asking for the view to the first paint with content
     * ({@link qms.ui.QmsViewPart#showsFirstContent()}: the first part of it, for a view that shows its content in
     * parts), the heap in use (after a collection, so what the view keeps, not garbage), the time to the first
     * paint of the view itself (its controls, before background content arrived; equal to the first figure for
     * views that compute on the UI thread) and the time to the paint with all of its content.
     */
    private static void openView(String id) {
        String traced = System.getProperty(TRACE_PROPERTY);
        qms.model.Record record = null;
        if (traced != null) {
            // what prepared the session's first trace, and whether it was still at it when the trace was asked for
            boolean running = org.eclipse.core.runtime.jobs.Job.getJobManager().find(
                    qms.ui.trace.TraceView.PREPARING).length > 0;
            System.out.println("QMS-TRACE-PREPARED " + qms.ui.trace.TraceView.prepared() + " " + (running
                    ? "running" : "done"));
            record = qms.ui.QmsUi.get().store().get(traced); // at hand, as on its form where Trace is chosen
        }
        long t0 = System.nanoTime();
        org.eclipse.ui.IWorkbenchWindow window = PlatformUI.getWorkbench().getWorkbenchWindows()[0];
        org.eclipse.ui.IViewPart part;
        try {
            part = window.getActivePage().showView(id);
        } catch (org.eclipse.ui.PartInitException e) {
            System.out.println("QMS-VIEW-FAILED " + id + " " + e.getMessage());
            return;
        }
        qms.ui.trace.TraceView tracing = record != null && part instanceof qms.ui.trace.TraceView t ? t : null;
        if (tracing != null) {
            long shown = System.nanoTime();
            tracing.trace(record);
            window.getShell().update(); // as a reader first sees it: the records one step away, large groups closed
            long read = System.nanoTime();
            int listed = tracing.expandGroups(); // list every record one step away, not only their group
            window.getShell().update();
            // where the time went: opening the view; reading the trace and painting it; listing the group's records
            System.out.println("QMS-TRACE-PARTS " + (shown - t0) / 1_000_000 + " " + (read - shown) / 1_000_000 + " "
                    + (System.nanoTime() - read) / 1_000_000 + " " + listed);
        }
        Display display = window.getShell().getDisplay();
        window.getShell().update();
        long frame = (System.nanoTime() - t0) / 1_000_000;
        long deadline = System.nanoTime() + 120_000_000_000L;
        qms.ui.QmsViewPart view = part instanceof qms.ui.QmsViewPart p ? p : null;
        long first = -1;
        while (view != null && view.loading() && System.nanoTime() < deadline) {
            if (first < 0 && view.showsFirstContent()) {
                window.getShell().update();
                first = (System.nanoTime() - t0) / 1_000_000;
            }
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
        window.getShell().update();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.gc();
        java.lang.management.MemoryUsage heap = java.lang.management.ManagementFactory.getMemoryMXBean()
                .getHeapMemoryUsage();
        System.out.println("QMS-VIEW " + id + " " + (first < 0 ? ms : first) + " " + (heap.getUsed() >> 20) + " "
                + frame + " " + ms);
        if (tracing != null) { // the same trace again, as a reader tracing a second time in a session: warm
            long again = System.nanoTime();
            tracing.refresh();
            tracing.expandGroups();
            window.getShell().update();
            System.out.println("QMS-TRACE-AGAIN " + (System.nanoTime() - again) / 1_000_000);
        }
    }

    /**
     * In a benchmark run only: types the benchmark user's credentials (environment variable
     * {@code QMS_BENCHMARK_SIGN_IN}, "user:password") into the sign-in dialog and presses Sign In, as a person
     * would. The password is checked like any other; nothing is skipped.
     */
    static void signInShown(org.eclipse.jface.dialogs.Dialog dialog) {
        String credentials = System.getenv("QMS_BENCHMARK_SIGN_IN");
        if (!Boolean.getBoolean(PROPERTY) || credentials == null || !credentials.contains(":")) {
            return;
        }
        Display display = Display.getCurrent();
        display.asyncExec(() -> {
            phase("sign-in-shown");
            org.eclipse.swt.widgets.Shell shell = dialog.getShell();
            java.util.List<org.eclipse.swt.widgets.Text> texts = new java.util.ArrayList<>();
            collect(shell, texts);
            texts.get(0).setText(credentials.substring(0, credentials.indexOf(':')));
            texts.get(1).setText(credentials.substring(credentials.indexOf(':') + 1));
            shell.getDefaultButton().notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        });
    }

    private static void collect(org.eclipse.swt.widgets.Composite c, java.util.List<org.eclipse.swt.widgets.Text> out) {
        for (org.eclipse.swt.widgets.Control child : c.getChildren()) {
            if (child instanceof org.eclipse.swt.widgets.Text t && t.isVisible()) {
                out.add(t);
            } else if (child instanceof org.eclipse.swt.widgets.Composite inner) {
                collect(inner, out);
            }
        }
    }
}
