package qms.store.jpa.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import qms.core.ModelRegistry;
import qms.core.RecordStore;
import qms.core.StoreConfig;
import qms.core.StoreServer;
import qms.testing.PostgresCluster;
import qms.testing.StoreContract;

/** The store contract on a real PostgreSQL server (a private cluster the test starts), a new database each test. */
class PostgresStoreContractTest extends StoreContract {

    private StoreServer server;

    @Override
    protected RecordStore open(Path dir, ModelRegistry model) {
        try {
            if (server == null) {
                server = PostgresCluster.shared().newDatabase();
            }
        } catch (Exception e) {
            throw new AssertionError("cannot start the test PostgreSQL server: " + e.getMessage(), e);
        }
        // as in the product, where the thread's context class loader is not the store bundle's (the tests' is)
        Thread t = Thread.currentThread();
        ClassLoader context = t.getContextClassLoader();
        t.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        try {
            return new JpaStoreFactory().open(new StoreConfig(dir, null, server), model, user::get);
        } finally {
            t.setContextClassLoader(context);
        }
    }

    @Override
    protected int sql(String statement) throws Exception {
        String database = server.url().substring(server.url().lastIndexOf('/') + 1);
        try (Connection c = PostgresCluster.shared().connect(database); Statement s = c.createStatement()) {
            return s.executeUpdate(statement);
        }
    }
}
