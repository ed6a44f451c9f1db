package qms.store.jpa.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import qms.backup.core.BackupCompliance;
import qms.backup.core.BackupModelContribution;
import qms.backup.core.ComplianceRules;
import qms.backup.model.BackupFrequency;
import qms.backup.model.BackupPackage;
import qms.backup.model.BackupPolicy;
import qms.backup.model.RestorationTest;
import qms.backup.model.RestoreResult;
import qms.backup.model.VerificationMethod;
import qms.core.CoreModelContribution;
import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.StoreConfig;
import qms.model.ComputerizedSystem;
import qms.model.GxpCriticality;
import qms.model.QmsPackage;

/**
 * P3: the compliance status of 500 systems over 5 years of daily backup log entries (about 900,000) computed by the
 * backup module, against the floor of one hand-written SQL aggregate over the same rows (per system: the newest
 * completed backup and the number of days with one). P4: the installed product, limited to a 512 MB heap, opening
 * the compliance log view over 1,000,000 entries until it has painted its rows, against opening an empty view in
 * the same product. The log is written with raw JDBC (the store API's cost is P2's subject, not this one's).
 */
class ComplianceBenchmark {

    private static final int SYSTEMS = Integer.getInteger("qms.benchmark.systems", 500);
    private static final int RUNS = 3;
    private static final ZoneId ZONE = ZoneId.systemDefault();

    @Test
    void p3StatusOf500SystemsOverFiveYearsAgainstOneSqlAggregate() throws Exception {
        try (BenchDatabase db = BenchDatabase.derby()) {
            p3(db, "P3");
        }
    }

    @Test
    void p3OnPostgresql() throws Exception {
        try (BenchDatabase db = BenchDatabase.postgresql()) {
            p3(db, "P3 PostgreSQL");
        }
    }

    private static void p3(BenchDatabase db, String name) throws Exception {
        LocalDate to = LocalDate.now(ZONE).minusDays(1);
        LocalDate from = to.minusYears(5).plusDays(1);
        try (RecordStore store = db.open(MODEL, () -> new Principal(ProductRun.USER, "Benchmark"))) {
            BenchmarkReport.enroll(store);
            long entries;
            try (Connection c = db.connect()) {
                entries = seed(store, c, from, to);
            }
            BackupCompliance compliance = new BackupCompliance(store, ComplianceRules.DEFAULT_DUE_SOON_DAYS, ZONE);
            Instant asOf = Instant.now();
            try (Connection c = db.connect()) {
                String sql = "SELECT SYSTEM_ID, MAX(STARTED_AT), COUNT(DISTINCT DATE(STARTED_AT)) FROM "
                        + Naming.table(BackupPackage.Literals.BACKUP_LOG_ENTRY) + " WHERE COMPLETED = " + db
                                .trueLiteral() + " GROUP BY SYSTEM_ID";
                Map<String, Long> days = aggregate(c, sql); // warm-up of both, not counted
                List<BackupCompliance.SystemStatus> statuses = compliance.assess(from, to, asOf);
                long[] api = new long[RUNS];
                long[] floor = new long[RUNS];
                for (int i = 0; i < RUNS; i++) {
                    long t0 = System.nanoTime();
                    statuses = compliance.assess(from, to, asOf);
                    long t1 = System.nanoTime();
                    days = aggregate(c, sql);
                    long t2 = System.nanoTime();
                    api[i] = (t1 - t0) / 1_000_000;
                    floor[i] = (t2 - t1) / 1_000_000;
                }
                // the two must agree on which systems miss a day of the period
                long periodDays = to.toEpochDay() - from.toEpochDay() + 1;
                Set<String> sqlMissing = new TreeSet<>();
                days.forEach((system, n) -> {
                    if (n < periodDays) {
                        sqlMissing.add(system);
                    }
                });
                Set<String> rulesMissing = new TreeSet<>();
                statuses.stream().filter(s -> s.assessment().has(ComplianceRules.Rule.MISSING_BACKUPS))
                        .forEach(s -> rulesMissing.add(s.system().getId()));
                if (statuses.size() != SYSTEMS || !sqlMissing.equals(rulesMissing)) {
                    throw new AssertionError("the rules and the SQL aggregate disagree: " + statuses.size()
                            + " statuses; missing days by SQL " + sqlMissing.size() + ", by the rules "
                            + rulesMissing.size());
                }
                double a = BenchmarkReport.median(api);
                double f = BenchmarkReport.median(floor);
                BenchmarkReport.line(String.format("%s compliance status, %d systems x 5 years (%,d log entries, %,d"
                        + " restoration tests): median %.0f ms of %s (%d systems miss days)", name, SYSTEMS, entries,
                        store.count(qms.core.Query.of(BackupPackage.Literals.RESTORATION_TEST)), a, java.util.Arrays.toString(api), rulesMissing.size()));
                BenchmarkReport.line(String.format("%s floor, one SQL aggregate over the same rows:            "
                        + "median %.0f ms of %s", name, f, java.util.Arrays.toString(floor)));
                BenchmarkReport.line(String.format("%s ratio status/SQL = %.2f (goal <= 2)", name, a / f));
            }
        }
    }

    @Test
    void p4ComplianceLogFirstPaintWithAMillionEntriesInA512MbHeap() throws Exception {
        ProductRun product = new ProductRun();
        Path work = Files.createTempDirectory("qms-p4-");
        Path data = work.resolve("data");
        Path key = work.resolve("store.key");
        long entries;
        LocalDate to = LocalDate.now(ZONE);
        LocalDate from = to.minusDays(1_000_000L / SYSTEMS - 1);
        try (RecordStore store = open(data, key)) {
            store.accounts().createFirstAdministrator(ProductRun.USER, "Benchmark", ProductRun.PASSWORD.toCharArray(),
                    Set.of(qms.model.AccessRole.QA_MANAGER));
            try (Connection c = BenchmarkReport.connect(data, key)) {
                entries = seed(store, c, from, to);
            }
        }
        long[] view = new long[RUNS];
        long[] frame = new long[RUNS];
        long[] complete = new long[RUNS];
        long[] empty = new long[RUNS];
        long heap = 0;
        try {
            product.openView(work, data, key, "qms.backup.ui.complianceLog"); // warm-up (file cache), not counted
            for (int i = 0; i < RUNS; i++) {
                empty[i] = product.openView(work, data, key, "qms.app.emptyView")[0];
                long[] v = product.openView(work, data, key, "qms.backup.ui.complianceLog");
                view[i] = v[0];
                frame[i] = v[2];
                complete[i] = v[3];
                heap = Math.max(heap, v[1]);
            }
        } finally {
            BenchmarkReport.delete(work);
        }
        double v = BenchmarkReport.median(view);
        double e = BenchmarkReport.median(empty);
        BenchmarkReport.line(String.format("P4 compliance log view over %,d entries (%d systems, 31 days shown),"
                + " product run with -Xmx512m: first paint with rows (the newest day's, the first screenful) median"
                + " %.0f ms of %s; heap in use after it %d MB", entries, SYSTEMS, v, java.util.Arrays.toString(view),
                heap));
        BenchmarkReport.line(String.format("P4 the view itself (controls and \"Computing\u2026\" line; the rows are"
                + " computed in a job): median %.0f ms of %s", BenchmarkReport.median(frame), java.util.Arrays
                        .toString(frame)));
        BenchmarkReport.line(String.format("P4 all %,d rows of the 31 days painted: median %.0f ms of %s", SYSTEMS
                * 31, BenchmarkReport.median(complete), java.util.Arrays.toString(complete)));
        BenchmarkReport.line(String.format("P4 floor, an empty view in the same product:  median %.0f ms of %s", e,
                java.util.Arrays.toString(empty)));
        BenchmarkReport.line(String.format("P4 goal: first paint with rows < 1000 ms (%s), heap < 512 MB (ran within"
                + " -Xmx512m); ratio to the empty view %.1f", v < 1000 ? "met" : "NOT met", v / Math.max(1, e)));
    }

    private static final ModelRegistry MODEL = ModelRegistry.of(List.of(new CoreModelContribution(),
            new BackupModelContribution()));

    private static RecordStore open(Path dir, Path key) {
        return new DerbyStoreFactory().open(new StoreConfig(dir, key), MODEL, () -> new Principal(ProductRun.USER,
                "Benchmark"));
    }

    private static Map<String, Long> aggregate(Connection c, String sql) throws Exception {
        Map<String, Long> days = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                r.getTimestamp(2);
                days.put(r.getString(1), r.getLong(3));
            }
        }
        return days;
    }

    /**
     * SYSTEMS systems with a daily policy (RPO 26 h, quarterly restoration tests), one backup a day each from
     * {@code from} to {@code to} at about 02:00 — one in 2,000 did not complete — and a passed restoration test every
     * quarter (through the store API). Returns the number of log entries.
     */
    static long seed(RecordStore store, Connection c, LocalDate from, LocalDate to) throws Exception {
        List<ComputerizedSystem> systems = new ArrayList<>();
        List<BackupPolicy> policies = new ArrayList<>();
        for (int i = 0; i < SYSTEMS; i++) {
            ComputerizedSystem s = Records.newRecord(QmsPackage.Literals.COMPUTERIZED_SYSTEM);
            s.setName(String.format("System %03d", i));
            s.setGxpCriticality(GxpCriticality.get(i % 4));
            s.setDataClassification(qms.model.DataClassification.get(i % 4));
            systems.add(s);
            BackupPolicy p = Records.newRecord(BackupPackage.Literals.BACKUP_POLICY);
            p.setName(s.getName() + " backups");
            p.setSystem(s);
            p.setFrequency(BackupFrequency.DAILY);
            p.setRpoHours(26);
            p.setRestoreTestCadenceDays(92);
            policies.add(p);
        }
        store.save(systems, "benchmark data");
        store.save(policies, "benchmark data");
        List<RestorationTest> tests = new ArrayList<>();
        for (ComputerizedSystem s : systems) {
            for (int k = 0; k < 20 && !to.minusDays(45).minusMonths(3L * k).isBefore(from); k++) {
                LocalDate d = to.minusDays(45).minusMonths(3L * k);
                RestorationTest t = Records.newRecord(BackupPackage.Literals.RESTORATION_TEST);
                t.setTitle("Quarterly restore of " + s.getName() + " " + d);
                t.setSystem(s);
                t.setTestedAt(java.util.Date.from(d.atTime(10, 0).atZone(ZONE).toInstant()));
                t.setResult(RestoreResult.PASSED);
                t.setVerificationMethod(VerificationMethod.CHECKSUMS);
                tests.add(t);
            }
        }
        store.save(tests, "benchmark data");
        String table = Naming.table(BackupPackage.Literals.BACKUP_LOG_ENTRY);
        Random random = new Random(7);
        long n = 0;
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (ID, VERSION, SYSTEM_ID,"
                + " STARTED_AT, SNAPSHOT_ID, COMPLETED, SIZE_BYTES, DURATION_SECONDS, SOURCE)"
                + " VALUES (?, 1, ?, ?, ?, ?, ?, ?, 'IMPORTED')")) {
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                for (ComputerizedSystem s : systems) {
                    Instant at = d.atTime(2, random.nextInt(60)).atZone(ZONE).toInstant();
                    ps.setString(1, UUID.randomUUID().toString());
                    ps.setString(2, s.getId());
                    ps.setTimestamp(3, Timestamp.from(at));
                    ps.setString(4, Long.toHexString(random.nextLong()));
                    ps.setBoolean(5, random.nextInt(2000) != 0);
                    ps.setLong(6, 1L << 30);
                    ps.setLong(7, 600);
                    ps.addBatch();
                    if (++n % 10_000 == 0) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
            }
            ps.executeBatch();
            c.commit();
        }
        return n;
    }
}
