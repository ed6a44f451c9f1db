package qms.store.jpa.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

import org.apache.derby.jdbc.BasicEmbeddedDataSource40;

import qms.core.ModelRegistry;
import qms.core.StoreException;

/**
 * Online backups of the store's Derby database with {@code SYSCS_UTIL.SYSCS_BACKUP_DATABASE}, taken under the
 * store's write lock so that the record counts and the audit-chain head written to the manifest describe exactly what
 * the copy holds (an embedded database has no other writer). A backup folder holds {@code db/} (Derby's copy,
 * encrypted like the database), {@code qms-store.properties} and the manifest; never the key. The restore test
 * rebuilds the copy with Derby's {@code restoreFrom} in a temporary folder.
 */
final class DerbyBackups extends OwnBackups {

    private final DerbyStoreFactory factory;
    private final String secret;

    DerbyBackups(DerbyStoreFactory factory, JpaRecordStore store, Path dataDir, String storeId, String secret,
            ModelRegistry model) {
        super(store, dataDir, storeId, model);
        this.factory = factory;
        this.secret = secret;
    }

    @Override
    BackupInfo capture(Path into, Instant now) throws IOException {
        if (into.toString().contains(";")) {
            throw new IOException("the folder's name contains ';', which Derby cannot take in a path");
        }
        BackupInfo info = store.underWriteLock(() -> {
            Map<String, Long> counts = counts(store);
            ChainHeadEntity head = store.read(em -> em.find(ChainHeadEntity.class, ChainHeadEntity.ID));
            try (Connection c = DerbyStoreFactory.dataSource(dataDir.resolve(DerbyStoreFactory.DATABASE), secret)
                    .getConnection(); CallableStatement call = c.prepareCall(
                            "CALL SYSCS_UTIL.SYSCS_BACKUP_DATABASE(?)")) {
                call.setString(1, into.toString());
                call.execute();
            } catch (SQLException e) {
                throw new StoreException("Derby could not back the database up: " + e.getMessage(), e);
            }
            return new BackupInfo(into, now, storeId, counts, head == null ? 0 : head.sequence, head == null
                    ? AuditChain.GENESIS : head.hash);
        });
        Files.copy(dataDir.resolve(DerbyStoreFactory.PROPERTIES), into.resolve(DerbyStoreFactory.PROPERTIES));
        return info;
    }

    @Override
    String describeCopy() {
        return "embedded Derby, encrypted with the store's key (not included)";
    }

    @Override
    Restored restore(Path backup, BackupInfo info) throws IOException {
        Path tmp = Files.createTempDirectory("qms-restore-test-");
        try {
            Path db = tmp.resolve(DerbyStoreFactory.DATABASE);
            restoreDatabase(backup, db, secret);
            JpaRecordStore copy = factory.deploy(tmp, db, secret, info.storeId(), false, model, () -> null);
            return new Restored(copy, () -> deleteQuietly(tmp));
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /** Creates the database {@code db} from the backup's copy with Derby's {@code restoreFrom}. */
    static void restoreDatabase(Path backup, Path db, String secret) {
        Path copy = backup.resolve(DerbyStoreFactory.DATABASE);
        if (!Files.isDirectory(copy)) {
            throw new StoreException(backup + " holds no database copy (" + DerbyStoreFactory.DATABASE + "/)");
        }
        if ((copy.toString() + db).contains(";")) {
            throw new StoreException("Derby cannot restore paths containing ';': " + copy + ", " + db);
        }
        BasicEmbeddedDataSource40 ds = new BasicEmbeddedDataSource40();
        ds.setDatabaseName(db.toString());
        ds.setConnectionAttributes("restoreFrom=" + copy + ";bootPassword=" + secret);
        try (Connection c = ds.getConnection()) {
            c.isValid(1);
        } catch (SQLException e) {
            DerbyStoreFactory.shutdown(db);
            StringBuilder why = new StringBuilder(e.getMessage());
            for (SQLException next = e.getNextException(); next != null; next = next.getNextException()) {
                why.append(" (").append(next.getMessage()).append(')');
            }
            throw new StoreException("Derby could not restore " + copy + ": " + why, e);
        }
    }
}
