package qms.app;

/**
 * What the UI thread would otherwise do for the first time during the sign-in or right after it, done by a
 * background thread while the UI thread waits for the store to open: the password derivation compiled by the JIT,
 * the collation tables the workbench's editor registry builds when the first editor (the dashboard) opens, and Java
 * 2D with its fonts, which the dashboard's charts are drawn with. The JDK keeps all of them for the whole session, so
 * nothing done here is done twice; a failure only means the UI thread does it later.
 */
final class WarmUp {

    private WarmUp() {
    }

    static void start() {
        Thread t = new Thread(() -> {
            try {
                qms.core.PasswordHasher.warmUp(); // the sign-in's derivation comes first
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
