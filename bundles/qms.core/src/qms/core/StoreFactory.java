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

    /**
     * Emergency access when no administrator can sign in (the only administrator locked out, or their password
     * forgotten): opens the store with its key file — holding the key is the authority here, as it gives access to
     * the data anyway — unlocks the named <em>administrator</em> account and sets a temporary password, checked
     * against the policy, that must be changed at the next sign-in. Both are recorded in the audit trail as done by
     * the key holder, named by {@code operator}. The store must not be open in another process.
     *
     * @throws StoreException naming what is wrong (no such account, not an administrator, policy violated)
     */
    void recoverAdministrator(StoreConfig config, ModelRegistry model, String userId, char[] temporaryPassword,
            String operator);

    /**
     * Connects to a server and says in a sentence what is there (the server's version; whether the database holds a
     * store, and of which schema version), for a settings dialog's <em>Test Connection</em>. Nothing is changed.
     *
     * @throws StoreException saying what is wrong: unreachable, refused, no such database, server too old, a store
     *                        of a newer schema version
     */
    default String checkServer(StoreServer server) {
        throw new StoreException("This installation's store cannot use a server");
    }
}
