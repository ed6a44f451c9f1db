package qms.store.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import qms.core.ChainVerification;
import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.StoreConfig;
import qms.core.StoreException;
import qms.core.StoreServer;
import qms.model.AccessRole;
import qms.model.QmsPackage;
import qms.testing.PostgresCluster;
import qms.testing.TestAccounts;
import qms.testing.TestRecords;

/**
 * The roles of the shipped setup script: the owner creates the tables, the application role works the store but the
 * server itself refuses it any UPDATE, DELETE or TRUNCATE of the audit trail and the signatures.
 */
class LeastPrivilegeTest {

    private static final Principal ALICE = new Principal("alice", "Alice Andersen");

    @TempDir
    Path dir;

    @Test
    void theApplicationRoleMayAppendToTheAuditTrailButTheServerRefusesItsUpdateDeleteAndTruncate() throws Exception {
        PostgresCluster cluster = PostgresCluster.shared();
        PostgresCluster.Roles roles = cluster.withRoles(); // the setup script the product ships
        String database = roles.database();
        String app = roles.app();
        AtomicReference<Principal> user = new AtomicReference<>(ALICE);
        StoreServer asOwner = roles.asOwner();
        try (RecordStore store = open(asOwner, user)) { // the first start, as the owner: creates the tables
            TestAccounts.enroll(store, ALICE, List.of(AccessRole.ADMINISTRATOR, AccessRole.QA_MANAGER));
            store.save(TestRecords.system("EDC Database"), null);
        }
        StoreServer asApp = roles.asApp();
        try (RecordStore store = open(asApp, user)) { // daily work, as the application
            store.save(TestRecords.system("CTMS"), null);
            assertEquals(2, store.count(Query.of(QmsPackage.Literals.COMPUTERIZED_SYSTEM)));
            ChainVerification v = store.auditTrail().verify();
            assertTrue(v.intact(), v.toString());
        }

        try (Connection c = connect(cluster, database, app, new String(asApp.password())); Statement s = c
                .createStatement()) {
            for (String table : List.of("SYS_AUDIT", Naming.table(QmsPackage.Literals.SIGNATURE))) {
                for (String statement : List.of("UPDATE " + table + " SET " + (table.equals("SYS_AUDIT") ? "SEQ = SEQ" : "ID = ID"), "DELETE FROM " + table,
                        "TRUNCATE " + table)) {
                    SQLException refused = assertThrows(SQLException.class, () -> s.execute(statement), statement);
                    assertEquals("42501", refused.getSQLState(), statement + ": " + refused.getMessage());
                }
            }
            // ... while the records themselves are the application's to change
            assertEquals(1, s.executeUpdate("UPDATE " + Naming.table(QmsPackage.Literals.COMPUTERIZED_SYSTEM)
                    + " SET VERSION = VERSION WHERE NAME = 'CTMS'"));
        }
        try (RecordStore store = open(asApp, user)) {
            ChainVerification v = store.auditTrail().verify();
            assertTrue(v.intact(), v.toString());
        }

        // a module installed since: its tables are the owner's to create, and the application role says so
        ModelRegistry withModule = DerbyTesting.withGadgets(DerbyTesting.gadgetPackage());
        StoreException refused = assertThrows(StoreException.class, () -> new JpaStoreFactory().open(new StoreConfig(
                dir, null, asApp), withModule, user::get));
        assertTrue(refused.getMessage().startsWith("The database lacks what the installed modules need (GADGET_GADGET)"
                + ", and the database user " + app + " may not create tables in schema qms"), refused.getMessage());
        try (RecordStore store = new JpaStoreFactory().open(new StoreConfig(dir, null, asOwner), withModule,
                user::get)) {
            assertEquals(0, store.count(Query.of((org.eclipse.emf.ecore.EClass) withModule.packages().stream()
                    .filter(p -> p.getName().equals("gadget")).findFirst().orElseThrow().getEClassifier("Gadget"))));
        }
        try (RecordStore store = new JpaStoreFactory().open(new StoreConfig(dir, null, asApp), withModule,
                user::get)) { // created by the owner, granted to the application by the default privileges
            assertTrue(store.auditTrail().verify().intact());
        }
    }

    @Test
    void aWrongPasswordAndAMissingDatabaseAreSaidInASentence() throws Exception {
        PostgresCluster cluster = PostgresCluster.shared();
        StoreServer wrong = cluster.server("postgres", PostgresCluster.SUPERUSER, "not the password");
        StoreException refused = assertThrows(StoreException.class, () -> open(wrong, new AtomicReference<>(ALICE)));
        assertTrue(refused.getMessage().startsWith("The server " + wrong.describe() + " refused user postgres: wrong"
                + " password"), refused.getMessage());
        StoreServer gone = new StoreServer(cluster.url("no_such_database"), PostgresCluster.SUPERUSER, cluster
                .newDatabase().passwordFile());
        refused = assertThrows(StoreException.class, () -> open(gone, new AtomicReference<>(ALICE)));
        assertTrue(refused.getMessage().startsWith("The server " + gone.describe() + " has no such database"),
                refused.getMessage());
        StoreServer closed = new StoreServer("jdbc:postgresql://127.0.0.1:1/qms", "qms_app", null);
        refused = assertThrows(StoreException.class, () -> open(closed, new AtomicReference<>(ALICE)));
        assertTrue(refused.getMessage().startsWith("The server qms_app@127.0.0.1:1/qms cannot be reached"), refused
                .getMessage());
    }

    @Test
    void testConnectionSaysWhatIsThereAndAStoreOfANewerSchemaVersionIsNotOpened() throws Exception {
        PostgresCluster cluster = PostgresCluster.shared();
        StoreServer server = cluster.newDatabase();
        JpaStoreFactory factory = new JpaStoreFactory();
        String empty = factory.checkServer(server);
        assertTrue(empty.startsWith("Connected to PostgreSQL ") && empty.endsWith("The database holds no store yet:"
                + " the first start creates it."), empty);
        try (RecordStore store = open(server, new AtomicReference<>(ALICE))) {
            TestAccounts.enroll(store, ALICE, List.of(AccessRole.ADMINISTRATOR));
        }
        String there = factory.checkServer(server);
        assertTrue(there.matches("Connected to PostgreSQL .* It holds the store [0-9a-f-]{36} \\(schema version 1,"
                + " \\d+ audit entries\\)\\."), there);

        // a newer release of the suite has changed the tables since
        String database = server.url().substring(server.url().lastIndexOf('/') + 1);
        cluster.execute(database, "UPDATE SYS_SETTING SET SETTING_VALUE = '2' WHERE NAME = 'schema.version'");
        for (org.junit.jupiter.api.function.Executable attempt : List.<org.junit.jupiter.api.function.Executable>of(
                () -> factory.checkServer(server), () -> open(server, new AtomicReference<>(ALICE)))) {
            StoreException refused = assertThrows(StoreException.class, attempt);
            assertTrue(refused.getMessage().startsWith("The store's tables are of schema version 2, written by a"
                    + " newer release of the suite; this installation reads version 1 and older."), refused
                            .getMessage());
        }
    }

    private RecordStore open(StoreServer server, AtomicReference<Principal> user) {
        return new JpaStoreFactory().open(new StoreConfig(dir, null, server), ModelRegistry.core(), user::get);
    }

    private static Connection connect(PostgresCluster cluster, String database, String user, String password)
            throws SQLException {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(cluster.url(database));
        ds.setUser(user);
        ds.setPassword(password);
        return ds.getConnection();
    }
}
