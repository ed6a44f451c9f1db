package qms.store.jpa.internal;

import java.nio.file.Path;


import qms.core.ModelRegistry;
import qms.core.RecordStore;
import qms.core.StoreConfig;
import qms.testing.StoreContract;

/** The store contract on embedded, encrypted Derby. */
class DerbyStoreContractTest extends StoreContract {

    @Override
    protected RecordStore open(Path dir, ModelRegistry model) {
        return new DerbyStoreFactory().open(new StoreConfig(dir, DerbyTesting.keyFile(dir)),
                model, user::get);
    }

    @Override
    protected int sql(String statement) throws Exception {
        return DerbyTesting.sql(dataDir, statement);
    }
}
