package qms.store.jpa.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.postgresql.ds.PGSimpleDataSource;

import qms.core.ModelRegistry;
import qms.core.StoreConfig;
import qms.core.StoreException;
import qms.core.StoreServer;
import qms.store.jpa.postgres.LocalCluster;

/**
 * Backups of the store on a PostgreSQL server the way a DBA makes them of one database: {@code pg_dump} in its
 * custom format ({@value #DUMP}: compressed, restored table by table with {@code pg_restore}). pgBackRest backs up
 * a whole cluster with its WAL, the DBA's tool for the server; the suite's own promise is narrower — this database,
 * restorable on its own, restore-tested at once — which a dump keeps without access to the server's files.
 * <p>
 * Other clients write while the dump runs, so the manifest's counts and chain head are read in one transaction whose
 * snapshot {@code pg_dump} is given ({@code pg_export_snapshot}, {@code --snapshot}): they describe exactly what the
 * dump holds. The restore test rebuilds the dump in an empty private cluster ({@link LocalCluster}), opens the store
 * there, compares and verifies, and removes the cluster.
 */
final class PostgresBackups extends OwnBackups {

    static final String DUMP = "store.dump";

    private final StoreServer server;

    PostgresBackups(JpaRecordStore store, Path dataDir, String storeId, StoreServer server, ModelRegistry model) {
        super(store, dataDir, storeId, model);
        this.server = server;
    }

    @Override
    BackupInfo capture(Path into, Instant now) throws IOException {
        PGSimpleDataSource ds = PostgresStoreFactory.dataSource(server);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            String snapshot;
            Map<String, Long> counts = new TreeMap<>();
            long sequence = 0;
            String hash = AuditChain.GENESIS;
            try (var s = c.createStatement()) {
                try (var rs = s.executeQuery("SELECT pg_export_snapshot()")) {
                    rs.next();
                    snapshot = rs.getString(1);
                }
                try (var rs = s.executeQuery("SELECT TYPE_NAME, COUNT(*) FROM SYS_RECORD GROUP BY TYPE_NAME")) {
                    while (rs.next()) { // the types the installed modules know, as the store counts them
                        String type = rs.getString(1);
                        long n = rs.getLong(2);
                        model.eClass(type).ifPresent(e -> counts.put(ModelRegistry.typeName(e), n));
                    }
                }
                try (var rs = s.executeQuery("SELECT SEQ, HASH FROM SYS_AUDIT_HEAD")) {
                    if (rs.next()) {
                        sequence = rs.getLong(1);
                        hash = rs.getString(2);
                    }
                }
            }
            List<String> args = new ArrayList<>(List.of("--format=custom", "--no-owner", "--no-privileges",
                    "--snapshot=" + snapshot, "--file=" + into.resolve(DUMP), "--dbname=" + libpqUri(server)));
            run("pg_dump", args);
            c.commit();
            return new BackupInfo(into, now, storeId, counts, sequence, hash);
        } catch (SQLException e) {
            throw new StoreException("Reading what the backup holds from " + server.describe() + " failed: " + e
                    .getMessage(), e);
        }
    }

    @Override
    String describeCopy() {
        return "pg_dump (custom format) of " + server.describe() + "; restore with pg_restore into an empty database";
    }

    @Override
    Restored restore(Path backup, BackupInfo info) throws IOException {
        Path dump = backup.resolve(DUMP);
        if (!Files.isRegularFile(dump)) {
            throw new IOException(backup + " holds no database dump (" + DUMP + ")");
        }
        LocalCluster cluster = LocalCluster.start(false);
        Path settings = Files.createTempDirectory("qms-restore-test-");
        try {
            cluster.client("createdb", List.of("qms_restored"));
            cluster.client("pg_restore", List.of("--no-owner", "--no-privileges", "--exit-on-error", "--dbname",
                    "qms_restored", dump.toString()));
            // the store's tables may be in a schema of their own (qms, made by the setup script): look there
            String schema = cluster.client("psql", List.of("-X", "-q", "-t", "-A", "-d", "qms_restored", "-c",
                    "SELECT table_schema FROM information_schema.tables WHERE table_name = 'sys_audit_head'")).strip();
            if (schema.isEmpty() || !schema.matches("[a-z_][a-z0-9_$]*")) {
                throw new IOException("the dump in " + backup + " holds no store (no SYS_AUDIT_HEAD table)");
            }
            cluster.client("psql", List.of("-X", "-q", "-d", "qms_restored", "-c", "ALTER DATABASE qms_restored SET"
                    + " search_path = " + schema));
            Path password = Files.createFile(settings.resolve("restored.pw"), PosixFilePermissions
                    .asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(password, cluster.password());
            StoreServer restored = new StoreServer(cluster.url("qms_restored"), LocalCluster.SUPERUSER, password);
            JpaRecordStore copy = (JpaRecordStore) new PostgresStoreFactory().open(new StoreConfig(settings, null,
                    restored), model, () -> null);
            return new Restored(copy, () -> {
                cluster.close();
                deleteQuietly(settings);
            });
        } catch (IOException | RuntimeException e) {
            cluster.close();
            deleteQuietly(settings);
            throw e;
        }
    }

    /**
     * Runs a client program of the distribution against the store's server, the password in a private pgpass file
     * (never on the command line, where other users see it).
     */
    private void run(String program, List<String> args) throws IOException {
        Path pgpass = Files.createTempFile("qms-pgpass-", "", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        try {
            char[] password = server.password();
            URI u = URI.create(server.url().substring("jdbc:".length()));
            if (password != null) {
                Files.writeString(pgpass, escape(u.getHost()) + ":" + (u.getPort() < 0 ? 5432 : u.getPort()) + ":*:"
                        + escape(server.user()) + ":" + escape(new String(password)) + "\n");
            }
            List<String> command = new ArrayList<>(List.of(LocalCluster.binaries().resolve(program).toString()));
            command.addAll(args);
            LocalCluster.exec(command, Map.of("PGPASSFILE", pgpass.toString()));
        } finally {
            Files.deleteIfExists(pgpass);
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace(":", "\\:");
    }

    /** The libpq URI of the store's database (host, port, database, user, TLS), for pg_dump. */
    static String libpqUri(StoreServer server) {
        URI u = URI.create(server.url().substring("jdbc:".length()));
        StringBuilder b = new StringBuilder("postgresql://").append(u.getHost()).append(':').append(u.getPort() < 0
                ? 5432 : u.getPort()).append(u.getPath()).append("?user=").append(server.user());
        if (u.getQuery() != null) {
            for (String p : u.getQuery().split("&")) {
                if (p.startsWith("sslmode=") || p.startsWith("sslrootcert=") || p.startsWith("sslcert=") || p
                        .startsWith("sslkey=")) {
                    b.append('&').append(p);
                }
            }
        }
        return b.toString();
    }
}
