package qms.store.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.StoreConfig;
import qms.core.StoreException;
import qms.core.StoreServer;
import qms.model.AccessRole;
import qms.model.QmsPackage;
import qms.store.jpa.postgres.LocalCluster;
import qms.testing.TestAccounts;
import qms.testing.TestRecords;

/**
 * {@code sslmode=verify-full} against a real server with TLS on: a private cluster whose certificate is signed by a
 * CA made here with openssl for the name {@code localhost}. The store opens and works over TLS, Test Connection says
 * the connection is encrypted; a CA that did not sign the certificate, and a host name the certificate is not for,
 * are refused with a sentence and nothing is opened.
 */
class TlsServerTest {

    private static final Principal ADA = new Principal("ada", "Ada Admin");

    @TempDir
    static Path pki;
    private static LocalCluster cluster;
    private static Path password;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServerWithTls() throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=QMS Test CA", "-keyout",
                "ca.key", "-out", "ca.crt");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Another CA", "-keyout",
                "other.key", "-out", "other.crt");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", "server.key", "-out",
                "server.csr");
        Files.writeString(pki.resolve("san.ext"), "subjectAltName=DNS:localhost\n");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", "san.ext", "-out", "server.crt");
        cluster = LocalCluster.startWithTls(pki.resolve("server.crt"), pki.resolve("server.key"));
        cluster.client("psql", List.of("-d", "postgres", "-c", "CREATE DATABASE qms"));
        password = Files.createFile(pki.resolve("postgres.pw"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        Files.writeString(password, cluster.password());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static void openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(pki.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
    }

    private static StoreServer server(String host, String ca) {
        return new StoreServer("jdbc:postgresql://" + host + ":" + cluster.port() + "/qms?sslmode=verify-full"
                + "&sslrootcert=" + pki.resolve(ca), LocalCluster.SUPERUSER, password);
    }

    @Test
    void theStoreOpensOverTlsWhenTheCertificateIsTheServersOwnAndSignedByTheCaGiven() throws Exception {
        StoreServer good = server("localhost", "ca.crt");
        String check = new JpaStoreFactory().checkServer(good);
        assertTrue(check.startsWith("Connected to PostgreSQL ") && check.contains("encrypted with TLSv1."), check);
        try (RecordStore store = new JpaStoreFactory().open(new StoreConfig(dir, null, good), ModelRegistry.core(),
                () -> ADA)) {
            TestAccounts.enroll(store, ADA, List.of(AccessRole.ADMINISTRATOR, AccessRole.QA_MANAGER));
            store.save(TestRecords.system("EDC Database"), null);
            assertEquals(1, store.count(Query.of(QmsPackage.Literals.COMPUTERIZED_SYSTEM)));
            assertTrue(store.auditTrail().verify().intact());
            // the store's sessions on the server are encrypted, as the server itself reports (psql is on another
            // database)
            String sessions = cluster.client("psql", List.of("-d", "postgres", "-tAc", "SELECT count(*) FILTER"
                    + " (WHERE s.ssl) || '/' || count(*) FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid)"
                    + " WHERE a.datname = 'qms'")).strip();
            String[] counts = sessions.split("/");
            assertTrue(Integer.parseInt(counts[1]) > 0, sessions);
            assertEquals(counts[1], counts[0], "encrypted/all sessions of the store: " + sessions);
        }
    }

    @Test
    void aCertificateNotSignedByTheCaGivenIsRefusedAndNothingIsOpened() {
        StoreServer wrongCa = server("localhost", "other.crt");
        StoreException checked = assertThrows(StoreException.class, () -> new JpaStoreFactory().checkServer(wrongCa));
        assertTrue(checked.getMessage().startsWith("The TLS connection to postgres@localhost:" + cluster.port()
                + "/qms failed: the server's certificate was not accepted"), checked.getMessage());
        StoreException opened = assertThrows(StoreException.class, () -> new JpaStoreFactory().open(new StoreConfig(
                dir, null, wrongCa), ModelRegistry.core(), () -> ADA));
        assertTrue(opened.getMessage().contains("the server's certificate was not accepted"), opened.getMessage());
    }

    @Test
    void aHostNameTheCertificateIsNotForIsRefused() {
        StoreServer byAddress = server("127.0.0.1", "ca.crt"); // the certificate names localhost only
        StoreException checked = assertThrows(StoreException.class, () -> new JpaStoreFactory().checkServer(
                byAddress));
        assertTrue(checked.getMessage().startsWith("The TLS connection to postgres@127.0.0.1:" + cluster.port()
                + "/qms failed"), checked.getMessage());
        assertTrue(checked.getMessage().contains("the server's certificate is not made out for the host name used"),
                checked.getMessage());
    }

    @Test
    void withoutTlsTestConnectionSaysTheConnectionIsNotEncrypted() throws Exception {
        StoreServer plain = new StoreServer("jdbc:postgresql://localhost:" + cluster.port() + "/qms?sslmode=disable",
                LocalCluster.SUPERUSER, password);
        String check = new JpaStoreFactory().checkServer(plain);
        assertTrue(check.startsWith("Connected to PostgreSQL ") && check.contains("not encrypted"), check);
    }
}
