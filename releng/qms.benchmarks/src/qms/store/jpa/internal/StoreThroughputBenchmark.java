package qms.store.jpa.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.ComputerizedSystem;
import qms.model.DataClassification;
import qms.model.GxpCriticality;
import qms.model.QmsPackage;

/**
 * P2: storing records through the store API (validation, record index, audit trail with its hash chain, version
 * locking) against the floor of raw JDBC batch inserts of the same rows into the same table of the same database —
 * encrypted Derby, and a PostgreSQL server on the same machine. The two alternate batch by batch, so both see the
 * table at the same sizes.
 */
class StoreThroughputBenchmark {

    private static final int RECORDS = Integer.getInteger("qms.benchmark.records", 100_000);
    private static final int BATCH = 1000;

    private static List<ComputerizedSystem> batch(int start) {
        List<ComputerizedSystem> systems = new ArrayList<>(BATCH);
        for (int i = start; i < start + BATCH; i++) {
            ComputerizedSystem s = Records.newRecord(QmsPackage.Literals.COMPUTERIZED_SYSTEM);
            s.setName("System " + i);
            s.setDescription("Benchmark system number " + i);
            s.setGxpCriticality(GxpCriticality.get(i % 4));
            s.setDataClassification(DataClassification.get(i % 4));
            s.setValidated(i % 2 == 0);
            systems.add(s);
        }
        return systems;
    }

    @Test
    void storeApiAgainstRawJdbc() throws Exception {
        try (BenchDatabase db = BenchDatabase.derby()) {
            measure(db, "P2");
        }
    }

    @Test
    void storeApiAgainstRawJdbcOnPostgresql() throws Exception {
        try (BenchDatabase db = BenchDatabase.postgresql()) {
            measure(db, "P2 PostgreSQL");
        }
    }

    private static void measure(BenchDatabase db, String name) throws Exception {
        try (RecordStore store = db.open(ModelRegistry.core(), () -> new Principal("bench", "Benchmark"))) {
            BenchmarkReport.enroll(store);
            try (Connection c = db.connect()) {
                c.setAutoCommit(false);
                // warm-up of both paths (JIT, statement caches), not counted
                store.save(batch(-BATCH), null);
                jdbc(c, batch(-2 * BATCH));
                long apiNanos = 0;
                long jdbcNanos = 0;
                for (int start = 0; start < RECORDS; start += BATCH) {
                    List<ComputerizedSystem> a = batch(start);
                    List<ComputerizedSystem> b = batch(start);
                    long t0 = System.nanoTime();
                    store.save(a, null);
                    long t1 = System.nanoTime();
                    jdbc(c, b);
                    long t2 = System.nanoTime();
                    apiNanos += t1 - t0;
                    jdbcNanos += t2 - t1;
                }
                long stored = store.count(Query.of(QmsPackage.Literals.COMPUTERIZED_SYSTEM));
                double apiRate = RECORDS / (apiNanos / 1e9);
                double jdbcRate = RECORDS / (jdbcNanos / 1e9);
                BenchmarkReport.line(String.format(
                        "%s store API with audit trail: %,d records in %.1f s = %,.0f records/s (%,d audit entries)",
                        name, RECORDS, apiNanos / 1e9, apiRate, store.auditTrail().size()));
                BenchmarkReport.line(String.format(
                        "%s floor, raw JDBC batch insert:  %,d records in %.1f s = %,.0f records/s", name, RECORDS,
                        jdbcNanos / 1e9, jdbcRate));
                BenchmarkReport.line(String.format("%s ratio store/JDBC = %.2f (goal >= 0.25); %,d rows in the table",
                        name, apiRate / jdbcRate, stored));
            }
        }
    }

    /** The same rows, written the fastest plain way: one prepared INSERT, batched, one commit per batch. */
    private static void jdbc(Connection c, List<ComputerizedSystem> systems) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO QMS_COMPUTERIZED_SYSTEM (ID, VERSION, NAME,"
                + " DESCRIPTION, GXP_CRITICALITY, DATA_CLASSIFICATION, VALIDATED, IN_SERVICE_SINCE)"
                + " VALUES (?, 1, ?, ?, ?, ?, ?, ?)")) {
            for (ComputerizedSystem s : systems) {
                ps.setString(1, UUID.randomUUID().toString());
                ps.setString(2, s.getName());
                ps.setString(3, s.getDescription());
                ps.setString(4, s.getGxpCriticality().getName());
                ps.setString(5, s.getDataClassification().getName());
                ps.setBoolean(6, s.isValidated());
                ps.setNull(7, java.sql.Types.TIMESTAMP);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        c.commit();
    }
}
