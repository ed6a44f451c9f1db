package qms.store.jpa.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import org.apache.derby.jdbc.BasicEmbeddedDataSource40;

/** Raw SQL against a store's booted Derby database, as an attacker with file access could run it. */
final class DerbyTesting {

    private DerbyTesting() {
    }

    static int sql(Path dataDir, String statement) throws Exception {
        BasicEmbeddedDataSource40 ds = new BasicEmbeddedDataSource40();
        ds.setDatabaseName(dataDir.resolve(DerbyStoreFactory.DATABASE).toAbsolutePath().toString());
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            return s.executeUpdate(statement);
        }
    }
}
