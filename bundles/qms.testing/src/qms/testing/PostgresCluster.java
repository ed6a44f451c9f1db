package qms.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.postgresql.ds.PGSimpleDataSource;

import qms.core.StoreServer;
import qms.store.jpa.postgres.LocalCluster;

/**
 * A real PostgreSQL server for tests: a private {@link LocalCluster} (initdb and pg_ctl of the distribution, a free
 * port, password authentication), {@link #shared} by a whole test run and stopped when the JVM ends; each test takes
 * a database of its own with {@link #newDatabase}.
 */
public final class PostgresCluster {

    /** The cluster's superuser. */
    public static final String SUPERUSER = LocalCluster.SUPERUSER;
    private static PostgresCluster shared;

    private final LocalCluster cluster;
    private final Path passwords;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresCluster(LocalCluster cluster) throws IOException {
        this.cluster = cluster;
        this.passwords = Files.createTempDirectory("qms-pg-passwords-");
    }

    /** One cluster for the whole test run, stopped when the JVM ends. */
    public static synchronized PostgresCluster shared() throws IOException {
        if (shared == null) {
            LocalCluster c = LocalCluster.start(false);
            Runtime.getRuntime().addShutdownHook(new Thread(c::close, "stop the test PostgreSQL server"));
            shared = new PostgresCluster(c);
        }
        return shared;
    }

    public LocalCluster cluster() {
        return cluster;
    }

    /** A new, empty database owned by the superuser, and the settings a store uses to connect to it as that user. */
    public StoreServer newDatabase() throws IOException, SQLException {
        String name = "qms_test_" + databases.incrementAndGet();
        execute("postgres", "CREATE DATABASE " + name);
        return server(name, SUPERUSER, cluster.password());
    }

    /** Settings for connecting to a database of this cluster as {@code user} with {@code password} (in a file). */
    public StoreServer server(String database, String user, String password) throws IOException {
        Path file = passwords.resolve(user + "-" + database + ".pw");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        return new StoreServer(url(database), user, file);
    }

    public String url(String database) {
        return cluster.url(database);
    }

    /** A connection to a database of the cluster as the superuser. */
    public Connection connect(String database) throws SQLException {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url(database));
        ds.setUser(SUPERUSER);
        ds.setPassword(cluster.password());
        return ds.getConnection();
    }

    /** Runs statements in a database of the cluster as the superuser (each committed on its own). */
    public void execute(String database, String... statements) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** A database made by the shipped setup script: its owner role and its application role. */
    public record Roles(String database, String owner, String app, StoreServer asOwner, StoreServer asApp) {
    }

    /**
     * Runs the setup script the product ships ({@code sql/postgresql-setup.sql} of qms.store.jpa) for a new database
     * with an owner and an application role of their own (roles are the cluster's, so each name is new).
     */
    public Roles withRoles() throws IOException {
        int n = databases.incrementAndGet();
        Roles r = new Roles("qms_roles_" + n, "qms_owner_" + n, "qms_app_" + n, server("qms_roles_" + n,
                "qms_owner_" + n, "owner's password " + n), server("qms_roles_" + n, "qms_app_" + n,
                        "app's password " + n));
        Path script = passwords.resolve("postgresql-setup-" + n + ".sql");
        try (java.io.InputStream in = org.osgi.framework.FrameworkUtil.getBundle(LocalCluster.class).getEntry(
                "sql/postgresql-setup.sql").openStream()) {
            Files.copy(in, script);
        }
        psql("postgres", script, Map.of("database", r.database(), "owner", r.owner(), "app", r.app(),
                "owner_password", "owner's password " + n, "app_password", "app's password " + n));
        return r;
    }

    /** Runs a script with the distribution's {@code psql} as the superuser, {@code variables} given with -v. */
    public String psql(String database, Path script, Map<String, String> variables) throws IOException {
        List<String> args = new ArrayList<>(List.of("-X", "-q", "-d", database));
        variables.forEach((k, v) -> args.addAll(List.of("-v", k + "=" + v)));
        args.addAll(List.of("-f", script.toString()));
        return cluster.client("psql", args);
    }
}
