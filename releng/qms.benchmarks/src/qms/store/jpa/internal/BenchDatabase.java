package qms.store.jpa.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.util.List;
import java.util.function.Supplier;

import org.postgresql.ds.PGSimpleDataSource;

import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.RecordStore;
import qms.core.StoreConfig;
import qms.core.StoreServer;
import qms.store.jpa.postgres.LocalCluster;

/**
 * Where a benchmark's store is: embedded, encrypted Derby in a temporary folder, or a new database of a private
 * PostgreSQL cluster on this machine with PostgreSQL's durable defaults (every commit flushed, as Derby flushes its
 * own). Each gives the store and a raw JDBC connection to the same database for the floor.
 */
abstract class BenchDatabase implements AutoCloseable {

    final Path dir;

    private BenchDatabase() throws Exception {
        dir = Files.createTempDirectory("qms-bench-");
    }

    /** "Derby" or "PostgreSQL", as the report names it. */
    abstract String label();

    abstract RecordStore open(ModelRegistry model, Supplier<Principal> principal);

    abstract Connection connect() throws Exception;

    /** A value the SQL of the floors compares a boolean column with (Derby stores them as SMALLINT). */
    abstract String trueLiteral();

    @Override
    public void close() {
        BenchmarkReport.delete(dir);
    }

    static List<BenchDatabase> both() throws Exception {
        return List.of(derby(), postgresql());
    }

    static BenchDatabase derby() throws Exception {
        return new BenchDatabase() {
            private final Path key = dir.resolveSibling(dir.getFileName() + ".key");

            @Override
            String label() {
                return "Derby";
            }

            @Override
            RecordStore open(ModelRegistry model, Supplier<Principal> principal) {
                return new DerbyStoreFactory().open(new StoreConfig(dir.resolve("data"), key), model, principal);
            }

            @Override
            Connection connect() throws Exception {
                return BenchmarkReport.connect(dir.resolve("data"), key);
            }

            @Override
            String trueLiteral() {
                return "1";
            }

            @Override
            public void close() {
                super.close();
                try {
                    Files.deleteIfExists(key);
                } catch (java.io.IOException e) {
                    System.err.println("[qms] removing " + key + ": " + e);
                }
            }
        };
    }

    static BenchDatabase postgresql() throws Exception {
        return new BenchDatabase() {
            private final LocalCluster cluster = LocalCluster.start(true);
            private final StoreServer server;

            {
                cluster.client("createdb", List.of("bench"));
                Path pw = Files.createFile(dir.resolve("bench.pw"), PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
                Files.writeString(pw, cluster.password());
                server = new StoreServer(cluster.url("bench"), LocalCluster.SUPERUSER, pw);
            }

            @Override
            String label() {
                return "PostgreSQL";
            }

            @Override
            RecordStore open(ModelRegistry model, Supplier<Principal> principal) {
                return new JpaStoreFactory().open(new StoreConfig(dir.resolve("data"), null, server), model,
                        principal);
            }

            @Override
            Connection connect() throws Exception {
                PGSimpleDataSource ds = new PGSimpleDataSource();
                ds.setURL(server.url());
                ds.setUser(server.user());
                ds.setPassword(cluster.password());
                return ds.getConnection();
            }

            @Override
            String trueLiteral() {
                return "TRUE";
            }

            @Override
            public void close() {
                cluster.close();
                super.close();
            }
        };
    }
}
