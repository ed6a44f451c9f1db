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
}
