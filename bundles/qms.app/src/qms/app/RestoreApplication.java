package qms.app;

import java.nio.file.Path;

import qms.core.ModelContributions;
import qms.core.StoreBackups;
import qms.core.StoreConfig;
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
public final class RestoreApplication extends HeadlessCommand {

    private Path backup;
    private Path dir;
    private Path keyFile;

    @Override
    boolean accept(String[] args) {
        backup = DataLocation.argument(args, "-backup", "qms.backup");
        dir = DataLocation.fromArguments(args);
        keyFile = DataLocation.keyFile(args);
        return backup != null && dir != null;
    }

    @Override
    String usage() {
        return "-application qms.app.restore -backup <backup folder> -dataDir <new data folder> [-keyFile <key file>]";
    }

    @Override
    String failure() {
        return "Restore failed";
    }

    @Override
    boolean run(StoreFactory factory) {
        StoreBackups.RestoreTest result = factory.restore(backup, new StoreConfig(dir, keyFile),
                ModelContributions.fromServices());
        System.out.println(result.describe().replace("Restore test of", "Restore of"));
        if (result.passed()) {
            System.out.println("Restored into " + dir.toAbsolutePath() + ". Start the suite with -dataDir "
                    + dir.toAbsolutePath() + " to use it.");
            return true;
        }
        System.out.println("The restored copy did not match the backup and was removed.");
        return false;
    }
}
