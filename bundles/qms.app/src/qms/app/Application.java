package qms.app;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import org.eclipse.core.runtime.Platform;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.service.datalocation.Location;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import qms.core.ModelContributions;
import qms.core.Principal;
import qms.core.RecordStore;
import qms.core.StoreConfig;
import qms.core.StoreException;
import qms.core.StoreFactory;
import qms.ui.QmsUi;
import qms.ui.Session;
import qms.ui.security.FirstAdministratorDialog;
import qms.ui.security.SignInDialog;
import qms.ui.store.ChooseDataDirectoryDialog;
import qms.ui.trace.TraceView;

/**
 * Starts the suite: finds the data folder, opens the encrypted store (creating it on first start) with the model
 * of every installed module, then runs the workbench on it and closes the store on exit.
 */
public final class Application implements IApplication {

    @Override
    public Object start(IApplicationContext context) throws Exception {
        String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        StartupProbe.phase("application-start");
        String[] arguments = args == null ? new String[0] : args;
        // the store opens (Derby boot, EclipseLink, schema check) while the display and the workbench start
        Path dir = DataLocation.fromArguments(arguments);
        if (dir == null) {
            dir = DataLocation.remembered();
        }
        // a folder with a store in it shows the sign-in at once, while the store opens; a new one (or an empty one)
        // is opened first, since its first administrator has to be created
        boolean existing = dir != null && holdsData(dir);
        CompletableFuture<RecordStore> opening = dir == null ? null : open(dir, arguments);
        Display display = PlatformUI.createDisplay();
        try {
            if (dir == null) {
                dir = chooseDataDirectory(DataLocation.keyFile(arguments));
                if (dir == null) {
                    return EXIT_OK;
                }
                opening = open(dir, arguments);
            }
            DataLocation.use(dir);
            useForWorkbenchState(dir.resolve(".workbench"));
            QmsUi.start(opening);
            context.applicationRunning();
            // the workbench initialises (its model, commands, themes) while the store opens; the sign-in comes
            // before its first window, so nothing of the data is shown to anyone not signed in
            Path data = dir;
            CompletableFuture<RecordStore> store = opening;
            QmsWorkbenchAdvisor advisor = new QmsWorkbenchAdvisor(dir, () -> signIn(data, store, existing));
            int rc = PlatformUI.createAndRunWorkbench(display, advisor);
            if (advisor.storeFailed()) {
                return Integer.valueOf(1);
            }
            return rc == PlatformUI.RETURN_RESTART ? EXIT_RESTART : EXIT_OK;
        } finally {
            signOut();
            QmsUi.stop();
            if (opening != null) {
                RecordStore s = opening.handle((opened, failure) -> opened).join();
                if (s != null) {
                    s.close();
                }
            }
            display.dispose();
        }
    }

    /**
     * Before the workbench's first window: asks for user id and password while the store opens (an existing one),
     * or waits for the store and has the first administrator create their account if there is none, then asks.
     * Whether the user signed in, gave up, or the store could not be opened (which is then shown).
     */
    private static QmsWorkbenchAdvisor.SignIn signIn(Path dir, CompletableFuture<RecordStore> opening,
            boolean existing) {
        WarmUp.start(); // while this thread waits for the store, or the user types
        if (existing) {
            SignInDialog early = new SignInDialog(null, opening.thenApply(RecordStore::accounts), DataLocation
                    .where(dir));
            StartupProbe.signInShown(early);
            int rc = early.open();
            if (rc == Window.OK) {
                return signedIn(early);
            }
            if (rc == Window.CANCEL) {
                return QmsWorkbenchAdvisor.SignIn.DECLINED;
            }
            // the store could not be opened, or has no account yet: as for a new folder, below
        }
        RecordStore store;
        try {
            store = QmsUi.get().store();
        } catch (RuntimeException e) {
            MessageDialog.openError(null, "CRO Quality Suite", "The suite cannot open its data in " + DataLocation
                    .where(dir) + ":\n\n" + e.getMessage());
            return QmsWorkbenchAdvisor.SignIn.STORE_FAILED;
        }
        StartupProbe.phase("store-ready-for-sign-in");
        String created = null;
        if (!store.accounts().anyAccount()) {
            FirstAdministratorDialog first = new FirstAdministratorDialog(null, store.accounts());
            if (first.open() != Window.OK) {
                return QmsWorkbenchAdvisor.SignIn.DECLINED;
            }
            created = first.userId();
        }
        SignInDialog dialog = new SignInDialog(null, store.accounts(), null, DataLocation.where(dir)).withUserId(
                created);
        StartupProbe.signInShown(dialog);
        if (dialog.open() != Window.OK) {
            return QmsWorkbenchAdvisor.SignIn.DECLINED;
        }
        return signedIn(dialog);
    }

    private static QmsWorkbenchAdvisor.SignIn signedIn(SignInDialog dialog) {
        Session.begin(dialog.principal());
        StartupProbe.phase("signed-in");
        TraceView.prepareInBackground(); // while the workbench opens
        return QmsWorkbenchAdvisor.SignIn.SIGNED_IN;
    }

    /** Whether the data folder holds anything (a store made by an earlier start, most likely). */
    private static boolean holdsData(Path dir) {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
            return files.anyMatch(f -> !f.getFileName().toString().startsWith("."));
        } catch (IOException e) {
            return false; // not there yet
        }
    }

    /** Records the sign-out of whoever is still signed in when the suite closes. */
    private static void signOut() {
        Principal p = Session.principal();
        Session.end();
        if (p == null) {
            return;
        }
        try {
            QmsUi.get().store().accounts().signOut(p.userId(), "Signed out: the suite was closed");
        } catch (RuntimeException e) {
            System.err.println("[qms] recording the sign-out of " + p.userId() + ": " + e.getMessage());
        }
    }

    /** First start without -dataDir: asks where to keep the data, and remembers it. */
    private static Path chooseDataDirectory(Path keyFile) throws IOException {
        ChooseDataDirectoryDialog dialog = new ChooseDataDirectoryDialog(null, Application::checkServer, keyFile);
        if (dialog.open() != Window.OK) {
            return null;
        }
        DataLocation.remember(dialog.chosen());
        return dialog.chosen();
    }

    /** What a connection to the server finds, or what is wrong with it, in a sentence (Test Connection). */
    static String checkServer(qms.core.StoreServer server) {
        return withFactory(f -> f.checkServer(server));
    }

    private static CompletableFuture<RecordStore> open(Path dir, String[] arguments) {
        Path keyFile = DataLocation.keyFile(arguments);
        return CompletableFuture.supplyAsync(() -> {
            // a server's settings that are wrong are reported as the store's failure to open, naming the setting
            RecordStore s = openStore(new StoreConfig(dir, keyFile, qms.core.StoreServer.configured(dir)));
            s.accounts().anyAccount(); // the sign-in's first query (it is kept), here while the user types
            StartupProbe.phase("store-open");
            return s;
        }, r -> { // a thread of its own: the common pool may have a single worker on two cores
            Thread t = new Thread(r, "qms-store-open");
            t.setDaemon(true);
            t.start();
        });
    }

    /** The workbench keeps its window layout beside the data, unless -data was given. */
    private static void useForWorkbenchState(Path dir) throws IOException {
        Location instance = Platform.getInstanceLocation();
        if (instance != null && !instance.isSet()) {
            instance.set(new URL("file", null, dir.toString() + "/"), false);
        }
    }

    private static RecordStore openStore(StoreConfig config) {
        return withFactory(f -> f.open(config, ModelContributions.fromServices(), Session::principal));
    }

    /** Runs {@code work} with the store factory service (waiting for it to start). */
    private static <T> T withFactory(java.util.function.Function<StoreFactory, T> work) {
        BundleContext bundle = FrameworkUtil.getBundle(Application.class).getBundleContext();
        ServiceTracker<StoreFactory, StoreFactory> tracker = new ServiceTracker<>(bundle, StoreFactory.class, null);
        tracker.open();
        try {
            StoreFactory factory = waitFor(tracker);
            if (factory == null) {
                throw new StoreException("No store is installed (the bundle qms.store.jpa is missing or not started)");
            }
            return work.apply(factory);
        } finally {
            tracker.close();
        }
    }

    private static StoreFactory waitFor(ServiceTracker<StoreFactory, StoreFactory> tracker) {
        try {
            return tracker.waitForService(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while waiting for the store to start");
        }
    }

    @Override
    public void stop() {
        if (!PlatformUI.isWorkbenchRunning()) {
            return;
        }
        Display display = PlatformUI.getWorkbench().getDisplay();
        display.syncExec(() -> {
            if (!display.isDisposed()) {
                PlatformUI.getWorkbench().close();
            }
        });
    }
}
