package qms.store.jpa.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Prints a benchmark's result lines and appends them to the report file that releng/benchmark.sh shows. */
final class BenchmarkReport {

    private BenchmarkReport() {
    }

    static void line(String text) {
        System.out.println(text);
        String file = System.getProperty("qms.benchmark.report");
        if (file != null) {
            try {
                Files.writeString(Path.of(file), text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                System.err.println("cannot write " + file + ": " + e.getMessage());
            }
        }
    }

    /** Removes a benchmark's temporary folder (a million log entries take half a gigabyte) and its key file. */
    static void delete(Path dir) {
        try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("cannot remove " + dir + ": " + e.getMessage());
        }
        dir.resolveSibling(dir.getFileName() + ".key").toFile().delete();
    }

    static double median(long[] values) {
        long[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }

    /** A new store accepts nothing until its first administrator exists: the benchmark user is that, and QA manager. */
    static void enroll(qms.core.RecordStore store) {
        if (!store.accounts().anyAccount()) {
            qms.model.UserAccount a = qms.core.Records.newRecord(qms.model.QmsPackage.Literals.USER_ACCOUNT);
            a.setUserId(store.principal().userId());
            a.setFullName(store.principal().displayName());
            a.getRoles().add(qms.model.AccessRole.ADMINISTRATOR);
            a.getRoles().add(qms.model.AccessRole.QA_MANAGER);
            store.save(a, null);
        }
    }

    /** A raw JDBC connection to a store's encrypted Derby database, for the floors. */
    static java.sql.Connection connect(Path dir, Path key) throws Exception {
        org.apache.derby.jdbc.BasicEmbeddedDataSource40 ds = new org.apache.derby.jdbc.BasicEmbeddedDataSource40();
        ds.setDatabaseName(dir.resolve(DerbyStoreFactory.DATABASE).toString());
        ds.setConnectionAttributes("bootPassword=" + qms.core.BootKey.read(key));
        return ds.getConnection();
    }

    /** The column of a model feature as the store names it: the record id is ID, a reference its id column. */
    static String column(org.eclipse.emf.ecore.EStructuralFeature f) {
        if (f == qms.model.QmsPackage.Literals.RECORD__ID) {
            return "ID"; // the store's own column, not a model column (which would get an underscore: ID is reserved)
        }
        return f instanceof org.eclipse.emf.ecore.EReference ? Naming.column(f.getName() + "Id") : Naming.column(f
                .getName());
    }
}
