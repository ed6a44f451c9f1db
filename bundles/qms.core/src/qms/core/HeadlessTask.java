package qms.core;

import java.io.PrintStream;
import java.util.List;

/**
 * A task a module offers on the command line, without the workbench (an OSGi service). The product runs it as
 *
 * <pre>
 * java -jar plugins/org.eclipse.equinox.launcher_*.jar -application qms.app.run -task NAME \
 *      -dataDir FOLDER -userId USER [-keyFile KEY] [the task's own arguments]
 * </pre>
 *
 * after opening the store and signing the user in with their password (from the terminal, or the first line of
 * standard input), so every write is the user's, checked against their roles and recorded in the audit trail as
 * for the workbench. The process exits with {@link #execute}'s code.
 */
public interface HeadlessTask {

    /** What follows {@code -task} (e.g. {@code backup-import}). */
    String name();

    /** The task's own arguments, for the usage line. */
    String usage();

    /**
     * Does the work.
     *
     * @param args all command-line arguments (the task picks its own)
     * @param out  where to report what was done
     * @return whether it succeeded (the process exits 0, else 1)
     * @throws IllegalArgumentException an argument is missing or wrong (the message says which)
     */
    boolean run(RecordStore store, List<String> args, PrintStream out);

    /**
     * Does the work and says how the process exits: 0 done, 1 failed, or a code of the task's own that its usage
     * documents (the incident clocks exit 2 when a deadline is overdue, for a cron job to act on). By default 0 or 1 as
     * {@link #run} answers.
     */
    default int execute(RecordStore store, List<String> args, PrintStream out) {
        return run(store, args, out) ? 0 : 1;
    }

    /** The value after {@code name} in the arguments, or null. */
    static String argument(List<String> args, String name) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : null;
    }
}
