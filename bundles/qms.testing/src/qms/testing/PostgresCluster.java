package qms.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.postgresql.ds.PGSimpleDataSource;

import qms.core.StoreServer;

/**
 * A real PostgreSQL server for tests: a private cluster made with the distribution's {@code initdb} in a temporary
 * folder, started with {@code pg_ctl} on a free port of 127.0.0.1 (password authentication, as a server of a QA
 * department asks), stopped and removed on {@link #close}. Run as root (the CI), the server runs as the system user
 * {@code postgres}, since PostgreSQL refuses to run as root. {@link #shared} is one cluster for a whole test run,
 * each test taking a database of its own with {@link #newDatabase}.
 */
public final class PostgresCluster implements AutoCloseable {

    /** The cluster's superuser and its password. */
    public static final String SUPERUSER = "postgres";
    private static final String SUPERUSER_PASSWORD = "superuser's test password";
    private static PostgresCluster shared;

    private final Path dir;
    private final Path data;
    private final Path bin;
    private final int port;
    private final boolean root;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresCluster(boolean durable) throws IOException, InterruptedException {
        bin = binaries();
        root = "root".equals(System.getProperty("user.name"));
        dir = Files.createTempDirectory("qms-pg-");
        data = dir.resolve("data");
        if (root) { // the postgres user must be able to enter the folder and own the data
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path pw = Files.writeString(dir.resolve("superuser.pw"), SUPERUSER_PASSWORD + "\n");
        Path sockets = Files.createDirectories(dir.resolve("run"));
        if (root) {
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(
                    "postgres");
            Files.setOwner(dir, postgres);
            Files.setOwner(pw, postgres);
            Files.setOwner(sockets, postgres);
        }
        run(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER, "--pwfile=" + pw,
                "--auth-local=scram-sha-256", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8");
        port = freePort();
        String options = "-p " + port + " -k " + sockets + " -c listen_addresses=127.0.0.1 -c max_connections=200"
                + (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        run(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", options, "start");
    }

    /**
     * A new cluster; {@code durable} keeps PostgreSQL's defaults (every commit flushed to disk, for benchmarks),
     * otherwise commits are not waited for on disk (tests: the data is thrown away).
     */
    public static PostgresCluster start(boolean durable) throws IOException, InterruptedException {
        return new PostgresCluster(durable);
    }

    /** One cluster for the whole test run, stopped when the JVM ends. */
    public static synchronized PostgresCluster shared() throws IOException, InterruptedException {
        if (shared == null) {
            PostgresCluster c = new PostgresCluster(false);
            Runtime.getRuntime().addShutdownHook(new Thread(c::close, "stop the test PostgreSQL server"));
            shared = c;
        }
        return shared;
    }

    public int port() {
        return port;
    }

    /** Where the distribution's programs are (pg_dump, pg_restore, psql beside initdb). */
    public Path bin() {
        return bin;
    }

    /** A new, empty database owned by the superuser, and the settings a store uses to connect to it as that user. */
    public StoreServer newDatabase() throws IOException, SQLException {
        String name = "qms_test_" + databases.incrementAndGet();
        execute("postgres", "CREATE DATABASE " + name);
        return server(name, SUPERUSER, SUPERUSER_PASSWORD);
    }

    /** Settings for connecting to a database of this cluster as {@code user} with {@code password} (in a file). */
    public StoreServer server(String database, String user, String password) throws IOException {
        Path file = dir.resolve(user + "-" + database + ".pw");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        return new StoreServer(url(database), user, file);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A connection to a database of the cluster as the superuser. */
    public Connection connect(String database) throws SQLException {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url(database));
        ds.setUser(SUPERUSER);
        ds.setPassword(SUPERUSER_PASSWORD);
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

    /** Runs a script with the distribution's {@code psql} as the superuser, {@code variables} given with -v. */
    public String psql(String database, Path script, java.util.Map<String, String> variables) throws IOException,
            InterruptedException {
        List<String> c = new ArrayList<>(List.of(bin.resolve("psql").toString(), "-X", "-q", "-h", "127.0.0.1", "-p",
                Integer.toString(port), "-U", SUPERUSER, "-d", database));
        variables.forEach((k, v) -> c.addAll(List.of("-v", k + "=" + v)));
        c.addAll(List.of("-f", script.toString()));
        ProcessBuilder b = new ProcessBuilder(c).redirectErrorStream(true);
        b.environment().put("PGPASSWORD", SUPERUSER_PASSWORD);
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("psql -f " + script + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() {
        try {
            run(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
        } catch (IOException | InterruptedException | AssertionError e) {
            System.err.println("[qms] stopping the test PostgreSQL server in " + data + ": " + e.getMessage());
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("[qms] removing " + dir + ": " + e.getMessage());
        }
    }

    /** Debian installs PostgreSQL's programs under /usr/lib/postgresql/VERSION/bin, not on the path. */
    private static Path binaries() {
        Path lib = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(lib)) {
            throw new AssertionError("PostgreSQL is not installed (" + lib + " is missing); .ci/run installs it with"
                    + " apt-get install postgresql");
        }
        try (Stream<Path> versions = Files.list(lib)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb"))).max(
                    Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll(
                            "\\D", "0")))).orElseThrow(() -> new AssertionError("no initdb under " + lib));
        } catch (IOException e) {
            throw new AssertionError("cannot list " + lib + ": " + e.getMessage(), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Runs a program of the distribution (as postgres when root), failing with its output when it fails. */
    private void run(String... command) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>();
        if (root) {
            c.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        c.addAll(List.of(command));
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", c) + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
    }
}
