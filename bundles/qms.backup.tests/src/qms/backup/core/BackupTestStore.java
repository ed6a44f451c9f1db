package qms.backup.core;

import java.nio.file.Path;

import qms.testing.ModuleTestStore;

/** The suite's store with the backup module's model (see {@link ModuleTestStore}). */
final class BackupTestStore extends ModuleTestStore {

    BackupTestStore(Path dir) throws InterruptedException {
        super(dir, BackupModelContribution.class);
    }
}
