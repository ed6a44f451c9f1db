package qms.core;

import java.util.function.Supplier;

/** Opens stores; an implementation (embedded Derby, PostgreSQL) registers itself as an OSGi service. */
public interface StoreFactory {

    /**
     * Opens the store, creating the encrypted database on first use and extending its tables to the model.
     *
     * @param principal who writes, asked at each write
     */
    RecordStore open(StoreConfig config, ModelRegistry model, Supplier<Principal> principal);

    /**
     * Restores a backup (made by {@link StoreBackups#backUp}) into a new data folder — one that holds no database
     * — then opens it and checks it like a restore test, and records the restore in its audit trail. The key file
     * ({@code target.keyFile()}, or the default one for the backup's store id) must be the one of the store the
     * backup was made from. Nothing else is changed; on failure the new folder's database is removed again.
     *
     * @throws StoreException naming what is wrong (no backup there, folder not empty, wrong key)
     */
    StoreBackups.RestoreTest restore(java.nio.file.Path backup, StoreConfig target, ModelRegistry model);
}
