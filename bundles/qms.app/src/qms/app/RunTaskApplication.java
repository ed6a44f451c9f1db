package qms.app;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import qms.core.HeadlessTask;
import qms.core.ModelContributions;
import qms.core.Principal;
import qms.core.RecordStore;
import qms.core.SignInResult;
import qms.core.StoreConfig;
import qms.core.StoreFactory;

/**
 * Runs a module's {@link HeadlessTask} without the workbench, as a signed-in user — for scripts such as a nightly
 * import of the backup tools' output. With the embedded database the suite must be closed meanwhile (one process
 * opens it at a time).
 *
 * <pre>
 * java -jar plugins/org.eclipse.equinox.launcher_*.jar -application qms.app.run -task backup-import \
 *      -dataDir /srv/cro-qms -userId jdoe [-keyFile /secure/store.key] -file snapshots.json ...
 * </pre>
 *
 * The password comes from the terminal (unechoed) or, without one, the first line of standard input. A password
 * that must be changed first is refused: change it in the suite.
 */
public final class RunTaskApplication extends HeadlessCommand {

    private String[] args;
    private Path dir;
    private Path keyFile;
    private String userId;
    private String task;
    private int code;

    @Override
    boolean accept(String[] arguments) {
        args = arguments;
        dir = DataLocation.fromArguments(arguments);
        keyFile = DataLocation.keyFile(arguments);
        userId = DataLocation.text(arguments, "-userId", "qms.userId");
        task = DataLocation.text(arguments, "-task", "qms.task");
        return dir != null && userId != null && task != null;
    }

    @Override
    String usage() {
        return "-application qms.app.run -task <task> -dataDir <data folder> -userId <user id> [-keyFile <key file>]"
                + " <the task's arguments>" + System.lineSeparator() + "Tasks:" + tasks().values().stream()
                        .map(t -> System.lineSeparator() + "  -task " + t.name() + " " + t.usage()).reduce("",
                                String::concat);
    }

    @Override
    int successCode() {
        return code;
    }

    @Override
    String failure() {
        return "'" + task + "' failed";
    }

    @Override
    boolean run(StoreFactory factory) throws Exception {
        HeadlessTask chosen = tasks().get(task);
        if (chosen == null) {
            System.err.println("There is no task '" + task + "' (is its module installed?). Usage: " + usage());
            return false;
        }
        AtomicReference<Principal> principal = new AtomicReference<>();
        try (RecordStore store = factory.open(new StoreConfig(dir, keyFile, qms.core.StoreServer.configured(dir)), ModelContributions.fromServices(),
                principal::get)) {
            char[] password = secrets("Password for " + userId + ": ")[0];
            if (password == null) {
                System.err.println("'" + task + "' failed: no password was given. Nothing was changed.");
                return false;
            }
            SignInResult signedIn;
            try {
                signedIn = store.accounts().signIn(userId, password);
            } finally {
                Arrays.fill(password, '\0');
            }
            if (signedIn.passwordChangeRequired()) {
                store.accounts().signOut(userId, "Signed out: the password must be changed first");
                System.err.println("'" + task + "' failed: " + signedIn.reason() + " Sign in to the suite and change"
                        + " it first. Nothing was changed.");
                return false;
            }
            principal.set(signedIn.principal());
            try {
                code = chosen.execute(store, List.of(args), System.out);
                return code != 1;
            } finally {
                store.accounts().signOut(userId, "Signed out: command-line task '" + task + "' ended");
            }
        }
    }

    private static TreeMap<String, HeadlessTask> tasks() {
        BundleContext context = FrameworkUtil.getBundle(RunTaskApplication.class).getBundleContext();
        TreeMap<String, HeadlessTask> byName = new TreeMap<>();
        try {
            for (ServiceReference<HeadlessTask> ref : context.getServiceReferences(HeadlessTask.class, null)) {
                HeadlessTask t = context.getService(ref);
                if (t != null) {
                    byName.put(t.name(), t);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return byName;
    }
}
