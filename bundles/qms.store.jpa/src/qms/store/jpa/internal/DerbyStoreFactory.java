package qms.store.jpa.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import javax.sql.DataSource;


import org.apache.derby.jdbc.BasicEmbeddedDataSource40;
import org.eclipse.persistence.config.PersistenceUnitProperties;

import qms.core.BootKey;
import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.RecordStore;
import qms.core.StoreBackups;
import qms.core.StoreConfig;
import qms.core.StoreException;
import qms.core.StoreFactory;

/**
 * Opens stores on embedded Derby, encrypted with AES (256-bit key). The data directory holds the database
 * ({@code db/}) and {@code qms-store.properties} (the store's id: not secret); the boot secret is in a key file
 * elsewhere (see {@link BootKey}).
 */
final class DerbyStoreFactory implements StoreFactory {

    static final String PROPERTIES = "qms-store.properties";
    /** How the audit entry of a schema extension starts (a restore check recognises it). */
    static final String SCHEMA_EXTENDED = "Schema extended to the model: created ";
    static final String DATABASE = "db";
    static final String ENCRYPTION = "dataEncryption=true;encryptionAlgorithm=AES/CBC/NoPadding;encryptionKeyLength=256";

    @Override
    public RecordStore open(StoreConfig config, ModelRegistry model, Supplier<Principal> principal) {
        Path dir = config.dataDirectory().toAbsolutePath().normalize();
        Path db = dir.resolve(DATABASE);
        Path propsFile = dir.resolve(PROPERTIES);
        boolean create = !Files.exists(db);
        String storeId;
        String secret;
        try {
            Files.createDirectories(dir);
            if (System.getProperty("derby.stream.error.file") == null) {
                System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
            }
            if (create) {
                storeId = Files.exists(propsFile) ? readStoreId(propsFile) : UUID.randomUUID().toString();
                Path keyFile = keyFile(config, storeId);
                secret = Files.exists(keyFile) && config.keyFile() != null ? BootKey.read(keyFile)
                        : BootKey.create(keyFile);
                writeStoreId(propsFile, storeId, keyFile);
            } else {
                if (!Files.exists(propsFile)) {
                    throw new StoreException("Data directory " + dir + " holds a database but no " + PROPERTIES
                            + ", which names its key file; restore that file (nothing was opened)");
                }
                storeId = readStoreId(propsFile);
                secret = BootKey.read(keyFile(config, storeId));
            }
        } catch (IOException e) {
            throw new StoreException("Cannot use data directory " + dir + ": " + e.getMessage(), e);
        }
        StoreDeployment.phase("store-keys");
        return deploy(dir, db, secret, storeId, create, model, principal);
    }

    @Override
    public void recoverAdministrator(StoreConfig config, ModelRegistry model, String userId, char[] temporaryPassword,
            String operator) {
        if (!Files.isDirectory(config.dataDirectory().resolve(DATABASE))) {
            throw new StoreException("There is no database in " + config.dataDirectory().toAbsolutePath()
                    + ". Nothing was changed.");
        }
        try (JpaRecordStore store = (JpaRecordStore) open(config, model, () -> null)) {
            store.accounts().recoverAdministrator(userId, temporaryPassword, operator);
        }
    }

    /**
     * Boots the database (creating it if asked) and opens the store over it: EclipseLink, the schema checked and
     * extended to the model, the store's own backups. The database boots on a thread of its own while EclipseLink
     * processes its metadata, which needs no connection (on two cores that takes ~0.4 s off the start).
     */
    JpaRecordStore deploy(Path dir, Path db, String secret, String storeId, boolean create, ModelRegistry model,
            Supplier<Principal> principal) {
        CompletableFuture<Void> booting = CompletableFuture.runAsync(() -> {
            boot(db, secret, create);
            StoreDeployment.phase("store-derby-booted");
        }, r -> {
            Thread t = new Thread(r, "qms-derby-boot");
            t.setDaemon(true);
            t.start();
        });
        DataSource ds = dataSource(db, secret);
        JpaRecordStore store = null;
        try {
            StoreDeployment.Deployed d = StoreDeployment.deploy(Dialect.DERBY, ds, Map.of(PersistenceUnitProperties
                    .NON_JTA_DATASOURCE, ds), model, principal, () -> shutdown(db), () -> awaitBoot(booting));
            store = d.store();
            List<String> missing = d.created();
            store.backups(new DerbyBackups(this, store, dir, storeId, secret, model));
            List<String> events = new ArrayList<>();
            if (create) {
                events.add("Store " + storeId + " created: embedded Derby, AES-256 encrypted, in " + dir);
            } else {
                missing.forEach(m -> events.add(SCHEMA_EXTENDED + m));
            }
            store.auditSystemEvents(events);
            store.seedDefaults();
            return store;
        } catch (SQLException | RuntimeException e) {
            if (store != null) {
                store.close(); // and the database with it
            } else if (booting.handle((done, failure) -> failure == null).join()) {
                shutdown(db); // booted, but EclipseLink or the schema failed
            }
            throw e instanceof StoreException se ? se
                    : new StoreException("Cannot open the store in " + dir + ": " + JpaRecordStore.rootMessage(e), e);
        }
    }

    /** Waits for the database to have booted; its failure (a wrong key, say) as thrown by {@link #boot}. */
    private static void awaitBoot(CompletableFuture<Void> booting) {
        try {
            booting.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    @Override
    public StoreBackups.RestoreTest restore(Path backup, StoreConfig target, ModelRegistry model) {
        Path from = backup.toAbsolutePath().normalize();
        Path dir = target.dataDirectory().toAbsolutePath().normalize();
        Path db = dir.resolve(DATABASE);
        StoreBackups.BackupInfo info;
        try {
            info = DerbyBackups.readManifest(from);
        } catch (IOException e) {
            throw new StoreException("Cannot restore from " + from + ": " + e.getMessage() + ". Nothing was changed.",
                    e);
        }
        if (Files.exists(db)) {
            throw new StoreException(dir + " already holds a database: restore into a new, empty folder (and move"
                    + " the old one away yourself if it is to be replaced). Nothing was changed.");
        }
        Path keyFile = keyFile(target, info.storeId());
        String secret;
        try {
            secret = BootKey.read(keyFile);
        } catch (RuntimeException e) {
            throw new StoreException("Cannot read the key file " + keyFile + " of store " + info.storeId()
                    + ", which the backup needs: " + e.getMessage() + ". Nothing was changed.", e);
        }
        long start = System.nanoTime();
        boolean done = false;
        try {
            Files.createDirectories(dir);
            DerbyBackups.restoreDatabase(from, db, secret);
            Path props = dir.resolve(PROPERTIES);
            if (!Files.exists(props)) {
                Files.copy(from.resolve(PROPERTIES), props);
            }
            List<String> problems = new ArrayList<>();
            long[] found = { 0, 0 };
            JpaRecordStore store = deploy(dir, db, secret, info.storeId(), false, model, () -> null);
            try {
                DerbyBackups.check(store, info, problems, found);
                StoreBackups.RestoreTest result = new StoreBackups.RestoreTest(from, problems.isEmpty(),
                        List.copyOf(problems), found[0], found[1], java.time.Duration.ofNanos(System.nanoTime()
                                - start));
                if (result.passed()) {
                    store.auditSystemEvents(List.of("Restored from backup " + from + " (made " + info.createdAt()
                            + "): " + found[0] + " records and " + found[1]
                            + " audit entries, all matching the backup's manifest"));
                    done = true;
                }
                return result;
            } finally {
                store.close();
            }
        } catch (IOException e) {
            throw new StoreException("Cannot restore into " + dir + ": " + e + ". Nothing was kept.", e);
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException sql && "XJ040".equals(sql.getSQLState())) {
                throw new StoreException("The key file " + keyFile + " does not unlock the backup " + from
                        + ". Nothing was kept.", e);
            }
            throw new StoreException(e.getMessage() + " Nothing was kept.", e);
        } finally {
            if (!done) {
                DerbyBackups.deleteQuietly(db);
            }
        }
    }

    private static Path keyFile(StoreConfig config, String storeId) {
        return config.keyFile() != null ? config.keyFile() : BootKey.defaultKeyFile(storeId);
    }

    /** Creates the encrypted database, or boots it, translating Derby's errors into ones a user can act on. */
    private static void boot(Path db, String secret, boolean create) {
        BasicEmbeddedDataSource40 ds = new BasicEmbeddedDataSource40();
        ds.setDatabaseName(db.toString());
        ds.setConnectionAttributes("bootPassword=" + secret + (create ? ";" + ENCRYPTION : ""));
        if (create) {
            ds.setCreateDatabase("create");
        }
        try (Connection c = ds.getConnection()) {
            c.isValid(1);
        } catch (SQLException e) {
            if ("XJ040".equals(e.getSQLState()) && e.getNextException() != null
                    && "XBM06".equals(e.getNextException().getSQLState())) {
                throw new StoreException("The key file does not unlock the database in " + db
                        + " (wrong boot secret). Nothing was opened or changed.", e);
            }
            throw new StoreException("Cannot open the database in " + db + ": " + e.getMessage()
                    + (e.getNextException() != null ? " (" + e.getNextException().getMessage() + ")" : ""), e);
        }
    }

    static DataSource dataSource(Path db, String secret) {
        BasicEmbeddedDataSource40 ds = new BasicEmbeddedDataSource40();
        ds.setDatabaseName(db.toString());
        ds.setConnectionAttributes("bootPassword=" + secret);
        return ds;
    }

    /** Shuts the database down; Derby reports a clean shutdown as SQLState 08006. */
    static void shutdown(Path db) {
        BasicEmbeddedDataSource40 ds = new BasicEmbeddedDataSource40();
        ds.setDatabaseName(db.toString());
        ds.setShutdownDatabase("shutdown");
        try (Connection c = ds.getConnection()) {
            c.isValid(1);
        } catch (SQLException e) {
            if (!"08006".equals(e.getSQLState()) && !"XJ004".equals(e.getSQLState())) {
                System.err.println("[qms] shutting down " + db + ": " + e.getMessage());
            }
        }
    }

    private static String readStoreId(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        String id = p.getProperty("storeId");
        if (id == null || id.isBlank()) {
            throw new StoreException(file + " names no storeId; restore it from a backup (nothing was opened)");
        }
        return id.trim();
    }

    private static void writeStoreId(Path file, String storeId, Path keyFile) throws IOException {
        Properties p = new Properties();
        p.setProperty("storeId", storeId);
        p.setProperty("created", Instant.now().toString());
        p.setProperty("database", "embedded Derby, " + ENCRYPTION.replace(';', ' '));
        p.setProperty("keyFile", keyFile.toAbsolutePath().toString()); // where it was made; moved, name it with -keyFile
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "CRO Quality Suite store: not secret. The boot key is kept outside this directory.");
        }
    }
}
