package qms.store.jpa.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.persistence.EntityManagerFactory;

import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.eclipse.persistence.jpa.JpaHelper;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.eclipse.persistence.jpa.dynamic.JPADynamicHelper;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.tools.schemaframework.SchemaManager;

import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.StoreException;

/**
 * Opens the store over a database that is reachable, on either dialect the same way: EclipseLink deployed with the
 * model's dynamic types, the schema checked against the model (a stored fingerprint saves the catalogue look-up when
 * nothing changed) and extended with what is missing, the indexes made. One source of the schema for both databases:
 * EclipseLink writes each platform's DDL from the same descriptors.
 */
final class StoreDeployment {

    /**
     * The version of the store's own tables and of how records map onto tables, raised when a release of the suite
     * changes them in a way an older release cannot read; a store at a higher version is not opened.
     */
    static final int SCHEMA_VERSION = 1;

    /** The store and the tables and columns that had to be created for it ("TABLE" or "TABLE.COLUMN"). */
    record Deployed(JpaRecordStore store, List<String> created) {
    }

    private StoreDeployment() {
    }

    /**
     * @param ds         connections for the schema check (outside EclipseLink)
     * @param connection how EclipseLink connects: a data source, or a JDBC URL and credentials for its own pool
     * @param onClose    run once the store closed (e.g. shut the embedded database down)
     */
    static Deployed deploy(Dialect dialect, DataSource ds, Map<String, Object> connection, ModelRegistry model,
            Supplier<Principal> principal, Runnable onClose) throws SQLException {
        return deploy(dialect, ds, connection, model, principal, onClose, () -> {
        });
    }

    /**
     * @param databaseReady waits until the database can be connected to (EclipseLink's metadata and the model's
     *                      types are processed before, without a connection); throws if it cannot be
     */
    static Deployed deploy(Dialect dialect, DataSource ds, Map<String, Object> connection, ModelRegistry model,
            Supplier<Principal> principal, Runnable onClose, Runnable databaseReady) throws SQLException {
        EntityManagerFactory emf = null;
        // EclipseLink loads some classes it is named by (the password encryptor) through the thread's context class
        // loader, which in the product is not this bundle's
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(StoreDeployment.class.getClassLoader());
        try {
            emf = new PersistenceProvider().createEntityManagerFactory("qms", jpaProperties(dialect, connection));
            if (emf == null) {
                throw new StoreException("EclipseLink found no persistence unit 'qms' in qms.store.jpa");
            }
            Schema schema = Schema.of(model);
            databaseReady.run();
            schema.register(new JPADynamicHelper(emf)); // EclipseLink logs in here
            phase("store-eclipselink-deployed");
            Session session = JpaHelper.getDatabaseSession(emf);
            String fingerprint = schema.fingerprint(session);
            List<String> missing = List.of();
            refuseNewerSchema(ds);
            if (!fingerprint.equals(storedFingerprint(ds))) {
                missing = extendSchema(dialect, session, schema, ds);
                putSetting(ds, SettingEntity.SCHEMA_FINGERPRINT, fingerprint);
                putSetting(ds, SettingEntity.SCHEMA_VERSION, Integer.toString(SCHEMA_VERSION));
            }
            phase("store-schema-checked");
            return new Deployed(new JpaRecordStore(dialect, emf, schema, model, principal, onClose), missing);
        } catch (SQLException | RuntimeException e) {
            if (emf != null) {
                emf.close();
            }
            throw e;
        } finally {
            thread.setContextClassLoader(context);
        }
    }

    /**
     * Compares the catalogue with the model, creates what is missing, checks it was created and makes the
     * indexes. Returns what was missing.
     */
    private static List<String> extendSchema(Dialect dialect, Session session, Schema schema, DataSource ds)
            throws SQLException {
        List<String> missing;
        String whyNot;
        try (Connection c = ds.getConnection()) {
            missing = Schema.missing(session, c);
            whyNot = dialect.whyNoCreate(c);
        }
        if (whyNot != null) { // a role that may not create tables: say so before trying, not after
            if (!missing.isEmpty()) {
                throw new StoreException("The database lacks what the installed modules need (" + String.join(", ",
                        missing) + "), and " + whyNot + ". Nothing was changed.");
            }
            try (Connection c = ds.getConnection()) {
                schema.createIndexes(c);
            } catch (SQLException e) {
                throw new StoreException("The database lacks indexes the installed modules need, and " + whyNot
                        + ". Nothing was changed. (" + e.getMessage() + ")", e);
            }
            return missing;
        }
        if (!missing.isEmpty()) {
            new SchemaManager((org.eclipse.persistence.sessions.DatabaseSession) session).extendDefaultTables(false);
            try (Connection c = ds.getConnection()) {
                List<String> still = Schema.missing(session, c);
                if (!still.isEmpty()) {
                    throw new StoreException("The database does not match the model: " + String.join(", ", still)
                            + " could not be created (the log names the database's reason). No record was changed.");
                }
            }
        }
        try (Connection c = ds.getConnection()) {
            schema.createIndexes(c);
        }
        return missing;
    }

    /** The schema fingerprint stored after the last full check, or null (none yet, or no settings table). */
    private static String storedFingerprint(DataSource ds) {
        return setting(ds, SettingEntity.SCHEMA_FINGERPRINT);
    }

    /** A value of the store's settings table read with plain JDBC, or null (no such setting, or no table yet). */
    static String setting(DataSource ds, String name) {
        try (Connection c = ds.getConnection(); var s = c.prepareStatement(
                "SELECT SETTING_VALUE FROM SYS_SETTING WHERE NAME = ?")) {
            s.setString(1, name);
            try (var rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            return null; // a new database: SYS_SETTING is created by the full check
        }
    }

    /** Refuses a store whose tables a newer release of the suite has changed (see {@link #SCHEMA_VERSION}). */
    static void refuseNewerSchema(DataSource ds) {
        String stored = setting(ds, SettingEntity.SCHEMA_VERSION);
        int version;
        try {
            version = stored == null ? 0 : Integer.parseInt(stored.strip());
        } catch (NumberFormatException e) {
            throw new StoreException("The store's schema version '" + stored + "' is not a number; nothing was"
                    + " opened", e);
        }
        if (version > SCHEMA_VERSION) {
            throw new StoreException("The store's tables are of schema version " + version + ", written by a newer"
                    + " release of the suite; this installation reads version " + SCHEMA_VERSION + " and older."
                    + " Install the newer release. Nothing was opened or changed.");
        }
    }

    private static void putSetting(DataSource ds, String name, String value) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (var d = c.prepareStatement("DELETE FROM SYS_SETTING WHERE NAME = ?");
                    var i = c.prepareStatement("INSERT INTO SYS_SETTING (NAME, SETTING_VALUE) VALUES (?, ?)")) {
                d.setString(1, name);
                d.executeUpdate();
                i.setString(1, name);
                i.setString(2, value);
                i.executeUpdate();
            }
            c.commit();
        }
    }

    /** With -Dqms.benchmark.startup=true, prints when a step of opening ended (ms since the JVM started). */
    static void phase(String name) {
        if (Boolean.getBoolean("qms.benchmark.startup")) {
            System.out.println("QMS-PHASE " + name + " " + (System.currentTimeMillis()
                    - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime()));
        }
    }

    private static Map<String, Object> jpaProperties(Dialect dialect, Map<String, Object> connection) {
        Map<String, Object> p = new HashMap<>(connection);
        p.put(PersistenceUnitProperties.CLASSLOADER, StoreDeployment.class.getClassLoader());
        p.put(PersistenceUnitProperties.WEAVING, "false");
        p.put(PersistenceUnitProperties.TARGET_DATABASE, dialect.targetDatabase);
        p.put(PersistenceUnitProperties.CACHE_SHARED_DEFAULT, "false");
        p.put(PersistenceUnitProperties.BATCH_WRITING, "JDBC");
        p.put(PersistenceUnitProperties.BATCH_WRITING_SIZE, "200");
        p.put(PersistenceUnitProperties.LOGGING_LEVEL, "WARNING");
        p.put(PersistenceUnitProperties.LOGGING_TIMESTAMP, "false");
        p.put(PersistenceUnitProperties.LOGGING_SESSION, "false");
        p.put(PersistenceUnitProperties.LOGGING_THREAD, "false");
        return p;
    }
}
