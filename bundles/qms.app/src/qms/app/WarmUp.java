package qms.app;

/**
 * What the UI thread would otherwise do for the first time right after sign-in, done by a background thread while
 * the UI thread waits for the store to open: the collation tables the workbench's editor registry builds when the
 * first editor (the dashboard) opens, and Java 2D with its fonts, which the dashboard's charts are drawn with. Both
 * are kept by the JDK for the whole session, so nothing done here is done twice; a failure only means the UI thread
 * does it later.
 */
final class WarmUp {

    private WarmUp() {
    }

    static void start() {
        Thread t = new Thread(() -> {
            try {
                java.text.Collator.getInstance(); // cached per locale by the JDK
                qms.ui.dashboard.DashboardEditor.prepare();
            } catch (RuntimeException | LinkageError e) {
                System.err.println("[qms] warming up: " + e);
            }
        }, "qms-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }
}
