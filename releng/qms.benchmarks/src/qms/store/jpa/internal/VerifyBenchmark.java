package qms.store.jpa.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import qms.core.ChainVerification;
import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.RecordStore;

/**
 * P5: <em>Verify Integrity</em> — the store's check of its whole audit trail — over 1,000,000 entries, on Derby and on
 * PostgreSQL, against the floor of the raw work: one JDBC query reading the same columns and SHA-256 over the same
 * bytes (the chain's own encoding), linking each entry to the previous. The trail is seeded by JDBC with the store's
 * hash function, continuing its chain (how fast the store writes entries is P2's subject).
 */
class VerifyBenchmark {

    private static final int ENTRIES = Integer.getInteger("qms.benchmark.auditEntries", 1_000_000);
    private static final int RUNS = Integer.getInteger("qms.benchmark.runs", 3);

    @Test
    void p5VerifyOnDerby() throws Exception {
        try (BenchDatabase db = BenchDatabase.derby()) {
            p5(db, "P5");
        }
    }

    @Test
    void p5VerifyOnPostgresql() throws Exception {
        try (BenchDatabase db = BenchDatabase.postgresql()) {
            p5(db, "P5 PostgreSQL");
        }
    }

    private static void p5(BenchDatabase db, String name) throws Exception {
        try (RecordStore store = db.open(ModelRegistry.core(), () -> new Principal("bench", "Benchmark"))) {
            BenchmarkReport.enroll(store);
            long seeded;
            try (Connection c = db.connect()) {
                seeded = seed(c, ENTRIES);
            }
            long total = store.auditTrail().size();
            try (Connection c = db.connect()) {
                c.setAutoCommit(false); // PostgreSQL streams a query's rows only inside a transaction
                ChainVerification v = store.auditTrail().verify(); // warm-up of both, not counted
                String floorHead = floor(c);
                long[] api = new long[RUNS];
                long[] raw = new long[RUNS];
                for (int i = 0; i < RUNS; i++) {
                    long t0 = System.nanoTime();
                    v = store.auditTrail().verify();
                    long t1 = System.nanoTime();
                    floorHead = floor(c);
                    long t2 = System.nanoTime();
                    api[i] = (t1 - t0) / 1_000_000;
                    raw[i] = (t2 - t1) / 1_000_000;
                }
                if (!v.intact() || v.entriesChecked() != total || !v.headHash().equals(floorHead)) {
                    throw new AssertionError("verify and the floor disagree: " + v + ", floor head " + floorHead);
                }
                double a = BenchmarkReport.median(api);
                double f = BenchmarkReport.median(raw);
                BenchmarkReport.line(String.format("%s Verify Integrity over %,d audit entries (%,d seeded): median"
                        + " %.0f ms of %s = %,.0f entries/s", name, total, seeded, a, Arrays.toString(api), total
                                / (a / 1000)));
                BenchmarkReport.line(String.format("%s floor, one JDBC query + SHA-256 of the same bytes:   median"
                        + " %.0f ms of %s", name, f, Arrays.toString(raw)));
                BenchmarkReport.line(String.format("%s ratio verify/floor throughput = %.2f (goal >= 0.5)", name, f
                        / a));
            }
        }
    }

    /** The raw work of a verification: every entry read once, hashed, linked to the previous; the last hash. */
    private static String floor(Connection c) throws Exception {
        String previous = AuditChain.GENESIS;
        try (PreparedStatement ps = c.prepareStatement(JpaAuditTrail.VERIFY)) {
            ps.setFetchSize(2000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String h = AuditChain.hash(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs
                            .getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs
                                    .getString(10), rs.getString(11), rs.getString(12));
                    if (!h.equals(rs.getString(13)) || !previous.equals(rs.getString(12))) {
                        throw new AssertionError("entry " + rs.getLong(1) + " does not verify");
                    }
                    previous = h;
                }
            }
        }
        c.commit();
        return previous;
    }

    /**
     * Appends {@code n} entries to the store's chain: updates of a record's description, each hashed with the store's
     * function and linked to the one before, the chain head moved to the last; in batches of 5,000.
     */
    private static long seed(Connection c, int n) throws Exception {
        c.setAutoCommit(false);
        long sequence;
        String previous;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT SEQ, HASH FROM SYS_AUDIT_HEAD")) {
            rs.next();
            sequence = rs.getLong(1);
            previous = rs.getString(2);
        }
        String at = Instant.now().toString();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO SYS_AUDIT (SEQ, AT_UTC, USER_ID, RECORD_ID,"
                + " RECORD_TYPE, RECORD_LABEL, ACTION, ATTRIBUTE, OLD_VALUE, NEW_VALUE, REASON, PREV_HASH, HASH)"
                + " VALUES (?, ?, 'bench', ?, 'qms:ComputerizedSystem', ?, 'UPDATE', 'description', ?, ?, NULL, ?, ?)")) {
            for (int i = 1; i <= n; i++) {
                long seq = sequence + i;
                String record = String.format("%08d-0000-4000-8000-000000000000", i % 10_000);
                String label = "System " + (i % 10_000);
                String old = "Benchmark system, revision " + (i - 1);
                String now = "Benchmark system, revision " + i;
                String hash = AuditChain.hash(seq, at, "bench", record, "qms:ComputerizedSystem", label, "UPDATE",
                        "description", old, now, null, previous);
                ps.setLong(1, seq);
                ps.setString(2, at);
                ps.setString(3, record);
                ps.setString(4, label);
                ps.setString(5, old);
                ps.setString(6, now);
                ps.setString(7, previous);
                ps.setString(8, hash);
                ps.addBatch();
                previous = hash;
                if (i % 5000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        try (PreparedStatement head = c.prepareStatement("UPDATE SYS_AUDIT_HEAD SET SEQ = ?, HASH = ?")) {
            head.setLong(1, sequence + n);
            head.setString(2, previous);
            head.executeUpdate();
        }
        c.commit();
        return n;
    }
}
