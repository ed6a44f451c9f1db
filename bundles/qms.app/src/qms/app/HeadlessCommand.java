package qms.app;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import qms.core.StoreException;
import qms.core.StoreFactory;

/**
 * A command run without the workbench (restore, administrator recovery): reads its arguments, waits for the store
 * factory, runs, prints what happened and exits 0 on success (or the command's own code, see
 * {@link #successCode()}), 1 otherwise.
 */
abstract class HeadlessCommand implements IApplication {

    @Override
    public final Object start(IApplicationContext context) throws Exception {
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS,
                new String[0]);
        if (!accept(args)) {
            System.err.println("Usage: " + usage());
            return Integer.valueOf(1);
        }
        BundleContext bundle = FrameworkUtil.getBundle(HeadlessCommand.class).getBundleContext();
        ServiceTracker<StoreFactory, StoreFactory> tracker = new ServiceTracker<>(bundle, StoreFactory.class, null);
        tracker.open();
        try {
            StoreFactory factory = tracker.waitForService(10_000);
            if (factory == null) {
                System.err.println("No store is installed (the bundle qms.store.jpa is missing or not started)");
                return Integer.valueOf(1);
            }
            if (!run(factory)) {
                return Integer.valueOf(1);
            }
            return successCode() == 0 ? IApplication.EXIT_OK : Integer.valueOf(successCode());
        } catch (StoreException | IllegalArgumentException e) {
            System.err.println(failure() + ": " + e.getMessage());
            return Integer.valueOf(1);
        } finally {
            tracker.close();
        }
    }

    /** Reads the arguments; false when a required one is missing. */
    abstract boolean accept(String[] args);

    abstract String usage();

    /** What failed, as the start of the error line ("Restore failed"). */
    abstract String failure();

    /** The exit code of a run that succeeded: 0, or what the command says (2: a deadline is overdue). */
    int successCode() {
        return 0;
    }

    /** Does the work and prints the outcome; true on success. */
    abstract boolean run(StoreFactory factory) throws Exception;

    /**
     * Secrets for the command: asked unechoed on the terminal, or read as the next lines of standard input when there
     * is none (scripts). Each is null when standard input ends first.
     */
    static char[][] secrets(String... prompts) throws java.io.IOException {
        char[][] read = new char[prompts.length][];
        java.io.Console console = System.console();
        java.io.BufferedReader in = console != null ? null : new java.io.BufferedReader(new java.io.InputStreamReader(
                System.in, java.nio.charset.StandardCharsets.UTF_8));
        for (int i = 0; i < prompts.length; i++) {
            if (console != null) {
                read[i] = console.readPassword("%s", prompts[i]);
            } else {
                String line = in.readLine();
                read[i] = line == null ? null : line.toCharArray();
            }
        }
        return read;
    }

    @Override
    public void stop() {
        // runs to completion: the store undoes a half-done operation itself
    }
}
