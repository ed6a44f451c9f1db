package qms.store.jpa.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.postgresql.ds.PGSimpleDataSource;

import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.RecordStore;
import qms.core.StoreBackups;
import qms.core.StoreConfig;
import qms.core.StoreException;
import qms.core.StoreFactory;
import qms.core.StoreServer;

/**
 * Opens stores on a PostgreSQL server, for several people at once: the same store, audit trail and modules as on
 * embedded Derby. Writers on different machines are serialised by the audit trail's head row, locked first in every
 * write transaction, so the hash chain never forks; a record saved over a newer version is refused naming who
 * changed it. EclipseLink keeps a small pool of connections (a server connection costs a round trip and, with TLS, a
 * handshake; Derby's embedded ones cost nothing).
 */
final class PostgresStoreFactory implements StoreFactory {

    /** How the audit entry of a new store on a server starts. */
    static final String CREATED = "Store ";

    @Override
    public RecordStore open(StoreConfig config, ModelRegistry model, Supplier<Principal> principal) {
        StoreServer server = config.server();
        PGSimpleDataSource ds = dataSource(server);
        checkServer(ds, server);
        StoreDeployment.phase("store-server-checked");
        JpaRecordStore store = null;
        try {
            StoreDeployment.Deployed d = deploy(server, ds, model, principal);
            store = d.store();
            boolean created = d.created().contains("SYS_RECORD");
            String storeId = storeId(ds);
            store.backups(new PostgresBackups(store, config.dataDirectory() != null ? config.dataDirectory()
                    .toAbsolutePath().normalize() : StoreConfig.defaultDataDirectory(), storeId, server, model));
            List<String> events = new ArrayList<>();
            if (created) {
                events.add(CREATED + storeId + " created: PostgreSQL " + server.describe());
            } else {
                d.created().forEach(m -> events.add(DerbyStoreFactory.SCHEMA_EXTENDED + m));
            }
            store.auditSystemEvents(events);
            store.seedDefaults();
            return store;
        } catch (SQLException | RuntimeException e) {
            if (store != null) {
                store.close();
            }
            throw e instanceof StoreException se ? se
                    : new StoreException("Cannot open the store on " + server.describe() + ": " + JpaRecordStore
                            .rootMessage(e), e);
        }
    }

    /** The store over the server's database, its tables created or extended; no audit entry written yet. */
    static StoreDeployment.Deployed deploy(StoreServer server, PGSimpleDataSource ds, ModelRegistry model,
            Supplier<Principal> principal) throws SQLException {
        return StoreDeployment.deploy(Dialect.POSTGRESQL, ds, pool(server, ds), model, principal, () -> {
        });
    }

    @Override
    public StoreBackups.RestoreTest restore(Path backup, StoreConfig target, ModelRegistry model) {
        throw new StoreException("Restoring a store on a PostgreSQL server is done with pg_restore into an empty"
                + " database (see the README); nothing was changed");
    }

    @Override
    public void recoverAdministrator(StoreConfig config, ModelRegistry model, String userId,
            char[] temporaryPassword, String operator) {
        try (JpaRecordStore store = (JpaRecordStore) open(config, model, () -> null)) {
            store.accounts().recoverAdministrator(userId, temporaryPassword, operator);
        }
    }

    @Override
    public String checkServer(StoreServer server) {
        PGSimpleDataSource ds = dataSource(server);
        checkServer(ds, server);
        StoreDeployment.refuseNewerSchema(ds);
        try (Connection c = ds.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(
                "SELECT version(), current_user, current_schema(), to_regclass('sys_audit_head') IS NOT NULL, t.ssl,"
                        + " t.version FROM (SELECT 1) one LEFT JOIN pg_stat_ssl t ON t.pid = pg_backend_pid()")) {
            rs.next();
            String version = rs.getString(1).replaceAll("^(PostgreSQL \\S+).*", "$1");
            String connected = "Connected to " + version + " at " + server.describe() + " (schema " + rs.getString(3)
                    + ", " + (rs.getBoolean(5) ? "encrypted with " + rs.getString(6) : "not encrypted") + ")";
            if (!rs.getBoolean(4)) {
                String whyNot = Dialect.POSTGRESQL.whyNoCreate(c);
                return connected + ". The database holds no store yet: the first start creates it" + (whyNot == null
                        ? "." : ", but " + whyNot + ".");
            }
            String version2 = StoreDeployment.setting(ds, SettingEntity.SCHEMA_VERSION);
            try (var head = s.executeQuery("SELECT SEQ FROM SYS_AUDIT_HEAD")) {
                long entries = head.next() ? head.getLong(1) : 0;
                return connected + ". It holds the store " + StoreDeployment.setting(ds, SettingEntity.STORE_ID)
                        + " (schema version " + (version2 == null ? "1" : version2) + ", " + entries
                        + " audit entries).";
            }
        } catch (SQLException e) {
            throw new StoreException(Dialect.whyNotConnected(server.describe(), server.user(), e), e);
        }
    }

    static PGSimpleDataSource dataSource(StoreServer server) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(server.url());
        ds.setUser(server.user());
        char[] password = server.password();
        if (password != null) {
            ds.setPassword(new String(password));
        }
        ds.setApplicationName("CRO Quality Suite");
        ds.setConnectTimeout(10);
        return ds;
    }

    /**
     * Connects once and checks the server is one the store runs on, saying in a sentence what is wrong: unreachable,
     * refused, no such database, too old.
     */
    static void checkServer(PGSimpleDataSource ds, StoreServer server) {
        try (Connection c = ds.getConnection()) {
            int major = c.getMetaData().getDatabaseMajorVersion();
            if (major < Dialect.POSTGRESQL_MIN_MAJOR) {
                throw new StoreException("The server " + server.describe() + " runs PostgreSQL " + c.getMetaData()
                        .getDatabaseProductVersion() + "; the suite needs PostgreSQL " + Dialect.POSTGRESQL_MIN_MAJOR
                        + " or newer. Nothing was opened.");
            }
        } catch (SQLException e) {
            throw new StoreException(Dialect.whyNotConnected(server.describe(), server.user(), e)
                    + ". Nothing was opened.", e);
        }
    }

    /** EclipseLink's own connection pool over the server's JDBC URL, with the same credentials as {@code ds}. */
    private static Map<String, Object> pool(StoreServer server, PGSimpleDataSource ds) {
        Map<String, Object> p = new HashMap<>();
        p.put(PersistenceUnitProperties.JDBC_DRIVER, "org.postgresql.Driver");
        p.put(PersistenceUnitProperties.JDBC_URL, ds.getURL());
        p.put(PersistenceUnitProperties.JDBC_USER, server.user());
        if (ds.getPassword() != null) {
            p.put(PersistenceUnitProperties.JDBC_PASSWORD, ds.getPassword());
            p.put(PersistenceUnitProperties.LOGIN_ENCRYPTOR, PlainPasswords.class.getName());
        }
        p.put(PersistenceUnitProperties.CONNECTION_POOL_MIN, "1");
        p.put(PersistenceUnitProperties.CONNECTION_POOL_INITIAL, "1");
        p.put(PersistenceUnitProperties.CONNECTION_POOL_MAX, "8");
        return p;
    }

    /** The store's id, made when the store was created and kept in its settings table. */
    private static String storeId(PGSimpleDataSource ds) throws SQLException {
        String id = StoreDeployment.setting(ds, SettingEntity.STORE_ID);
        if (id != null) {
            return id;
        }
        try (Connection c = ds.getConnection(); var s = c.prepareStatement("INSERT INTO SYS_SETTING (NAME,"
                + " SETTING_VALUE) VALUES (?, ?) ON CONFLICT (NAME) DO NOTHING")) {
            s.setString(1, SettingEntity.STORE_ID);
            s.setString(2, UUID.randomUUID().toString());
            s.executeUpdate();
        }
        return StoreDeployment.setting(ds, SettingEntity.STORE_ID); // another client may have made it first
    }
}
