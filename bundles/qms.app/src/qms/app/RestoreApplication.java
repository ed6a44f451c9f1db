package qms.app;

import java.nio.file.Path;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import qms.core.ModelContributions;
import qms.core.StoreBackups;
import qms.core.StoreConfig;
import qms.core.StoreException;
import qms.core.StoreFactory;

/**
 * Restores the suite's database from one of its own backups into a new data folder, headless:
 *
 * <pre>
 * java -jar plugins/org.eclipse.equinox.launcher_*.jar -application qms.app.restore \
 *      -backup /backups/qms-backup-20261123T020000Z -dataDir /srv/cro-qms-restored [-keyFile /secure/store.key]
 * </pre>
 *
 * The new folder must hold no database. The key file must be the one of the store the backup was made from (by
 * default the one named by the backup's store id). The restored copy is opened and checked like a restore test
 * (record counts and audit-chain head against the backup's manifest, the whole chain verified); the restore is
 * recorded in its audit trail. Exit code 0 when restored and verified, 1 otherwise (the reason is printed).
 */
public final class RestoreApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) throws Exception {
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS,
                new String[0]);
        Path backup = DataLocation.argument(args, "-backup", "qms.backup");
        Path dir = DataLocation.fromArguments(args);
        if (backup == null || dir == null) {
            System.err.println("Usage: -application qms.app.restore -backup <backup folder> -dataDir <new data"
                    + " folder> [-keyFile <key file>]");
            return Integer.valueOf(1);
        }
        BundleContext bundle = FrameworkUtil.getBundle(RestoreApplication.class).getBundleContext();
        ServiceTracker<StoreFactory, StoreFactory> tracker = new ServiceTracker<>(bundle, StoreFactory.class, null);
        tracker.open();
        try {
            StoreFactory factory = tracker.waitForService(10_000);
            if (factory == null) {
                System.err.println("No store is installed (the bundle qms.store.jpa is missing or not started)");
                return Integer.valueOf(1);
            }
            StoreBackups.RestoreTest result = factory.restore(backup, new StoreConfig(dir,
                    DataLocation.keyFile(args)), ModelContributions.fromServices());
            System.out.println(result.describe().replace("Restore test of", "Restore of"));
            if (result.passed()) {
                System.out.println("Restored into " + dir.toAbsolutePath() + ". Start the suite with -dataDir "
                        + dir.toAbsolutePath() + " to use it.");
                return IApplication.EXIT_OK;
            }
            System.out.println("The restored copy did not match the backup and was removed.");
            return Integer.valueOf(1);
        } catch (StoreException | IllegalArgumentException e) {
            System.err.println("Restore failed: " + e.getMessage());
            return Integer.valueOf(1);
        } finally {
            tracker.close();
        }
    }

    @Override
    public void stop() {
        // runs to completion: a half-done restore is removed by the store itself
    }
}
