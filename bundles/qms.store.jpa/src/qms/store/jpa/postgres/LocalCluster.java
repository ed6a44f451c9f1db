package qms.store.jpa.postgres;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster on this machine: made with the distribution's {@code initdb} in a new temporary
 * folder, started with {@code pg_ctl} on a free port of 127.0.0.1 with password authentication for its superuser,
 * stopped and removed on {@link #close}. The restore test of the suite's own backups rebuilds a backup in one (an
 * empty cluster, as a DBA restores into); the tests run their server in one. Run as root, the server runs as the
 * system user {@code postgres}, since PostgreSQL refuses to run as root.
 */
public final class LocalCluster implements AutoCloseable {

    /** The cluster's superuser. */
    public static final String SUPERUSER = "postgres";

    private final Path dir;
    private final Path data;
    private final Path bin;
    private final int port;
    private final boolean root;
    private final String password;

    private LocalCluster(boolean durable, Path certificate, Path key) throws IOException {
        bin = binaries();
        root = "root".equals(System.getProperty("user.name"));
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        password = HexFormat.of().formatHex(secret);
        dir = Files.createTempDirectory("qms-pg-");
        data = dir.resolve("data");
        boolean made = false;
        try {
            Path pw = Files.writeString(dir.resolve("superuser.pw"), password + "\n");
            Path sockets = Files.createDirectories(dir.resolve("run"));
            if (root) { // the postgres user must own the folder it makes the cluster in
                UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(
                        SUPERUSER);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                for (Path p : List.of(dir, pw, sockets)) {
                    Files.setOwner(p, postgres);
                }
            }
            run(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER, "--pwfile=" + pw,
                    "--auth-local=scram-sha-256", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8");
            Files.delete(pw);
            port = freePort();
            String options = "-p " + port + " -k " + sockets + " -c listen_addresses=127.0.0.1"
                    + " -c max_connections=200" + (durable ? "" : " -c fsync=off -c synchronous_commit=off"
                            + " -c full_page_writes=off");
            if (certificate != null) {
                options += " -c ssl=on -c ssl_cert_file=" + serverFile(certificate, "server.crt") + " -c ssl_key_file="
                        + serverFile(key, "server.key");
            }
            run(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                    "-w", "-t", "60", "-o", options, "start");
            made = true;
        } finally {
            if (!made) {
                removeQuietly();
            }
        }
    }

    /**
     * Makes and starts a cluster; {@code durable} keeps PostgreSQL's defaults (every commit flushed to disk),
     * otherwise commits are not waited for on disk (the cluster is thrown away afterwards).
     *
     * @throws IOException naming what failed: PostgreSQL not installed, initdb or pg_ctl with its output
     */
    public static LocalCluster start(boolean durable) throws IOException {
        return new LocalCluster(durable, null, null);
    }

    /**
     * Makes and starts a cluster that also accepts TLS connections ({@code ssl=on}) with the given certificate (PEM,
     * the chain up to its CA) and private key (PEM, unencrypted); plain connections are still accepted, as by a
     * server whose pg_hba.conf says {@code host}.
     */
    public static LocalCluster startWithTls(Path certificate, Path key) throws IOException {
        return new LocalCluster(false, java.util.Objects.requireNonNull(certificate), java.util.Objects
                .requireNonNull(key));
    }

    /** A copy in the cluster's folder the server may read (and only it: a private key must be 0600). */
    private Path serverFile(Path file, String name) throws IOException {
        Path copy = Files.copy(file, dir.resolve(name));
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
        if (root) {
            Files.setOwner(copy, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(
                    SUPERUSER));
        }
        return copy;
    }

    public int port() {
        return port;
    }

    /** The superuser's password (random, made for this cluster). */
    public String password() {
        return password;
    }

    /** Where the distribution's programs are: pg_dump, pg_restore, psql beside initdb. */
    public Path bin() {
        return bin;
    }

    /** The JDBC URL of a database of the cluster. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Runs a program of the distribution as the superuser's client (password in the environment). */
    public String client(String program, List<String> args) throws IOException {
        List<String> c = new ArrayList<>(List.of(bin.resolve(program).toString(), "-h", "127.0.0.1", "-p", Integer
                .toString(port), "-U", SUPERUSER));
        c.addAll(args);
        return exec(c, Map.of("PGPASSWORD", password));
    }

    @Override
    public void close() {
        try {
            run(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
        } catch (IOException e) {
            System.err.println("[qms] stopping the PostgreSQL cluster in " + data + ": " + e.getMessage());
        }
        removeQuietly();
    }

    private void removeQuietly() {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("[qms] removing " + dir + ": " + e.getMessage());
        }
    }

    /**
     * The newest PostgreSQL programs of the distribution: Debian installs them under
     * /usr/lib/postgresql/VERSION/bin, not on the path.
     */
    public static Path binaries() throws IOException {
        Path lib = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(lib)) {
            throw new IOException("PostgreSQL's programs are not installed (" + lib + " is missing): apt-get install"
                    + " postgresql");
        }
        try (Stream<Path> versions = Files.list(lib)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb"))).max(
                    Comparator.comparingInt(b -> version(b.getParent().getFileName().toString()))).orElseThrow(
                            () -> new IOException("no initdb under " + lib + ": apt-get install postgresql"));
        }
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Runs a server program (as postgres when root), failing with its output when it fails. */
    private void run(String... command) throws IOException {
        List<String> c = new ArrayList<>();
        if (root) {
            c.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
        }
        c.addAll(List.of(command));
        exec(c, Map.of());
    }

    /** Runs a program, failing with its output (and exit code) when it fails. */
    public static String exec(List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        b.environment().putAll(env);
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish in 10 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException(command.get(0) + " was interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(Path.of(command.get(command.get(0).equals("runuser") ? 3 : 0)).getFileName()
                    + " failed (exit " + p.exitValue() + "): " + out.strip());
        }
        return out;
    }
}
