package qms.store.jpa.internal;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.ecore.EClass;
import org.junit.jupiter.api.Test;

import qms.backup.core.BackupDashboard;
import qms.backup.core.BackupModelContribution;
import qms.backup.model.BackupPackage;
import qms.capa.core.CapaDashboard;
import qms.capa.core.CapaModelContribution;
import qms.capa.model.CapaPackage;
import qms.core.CoreModelContribution;
import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.RecordStore;
import qms.core.dashboard.Chart;
import qms.core.dashboard.Dashboard;
import qms.core.dashboard.DashboardFigures;
import qms.core.dashboard.Period;
import qms.model.QmsPackage;
import qms.reports.ChartPainter;
import qms.sop.core.SopDashboard;
import qms.sop.core.SopModelContribution;
import qms.sop.model.SopPackage;
import qms.vendor.core.VendorDashboard;
import qms.vendor.core.VendorModelContribution;
import qms.vendor.model.VendorPackage;

/**
 * P9: the QA dashboard over the P3 data set (500 systems, 5 years of daily backups, quarterly restoration tests) with
 * every module installed — the figures of the last 12 months computed through the store by the modules and every
 * chart drawn by JFreeChart at its size on screen — against the floor of hand-written SQL for the same figures: per
 * system and month the days with a completed backup, per system the newest passed restoration test and the policy's
 * cadence, and the open records of the other modules.
 */
class DashboardBenchmark {

    private static final int RUNS = 3;
    private static final ZoneId ZONE = ZoneId.systemDefault();
    private static final ModelRegistry MODEL = ModelRegistry.of(List.of(new CoreModelContribution(),
            new BackupModelContribution(), new CapaModelContribution(), new SopModelContribution(),
            new VendorModelContribution()));
    private static final List<DashboardFigures> MODULES = List.of(new BackupDashboard(), new CapaDashboard(),
            new SopDashboard(), new VendorDashboard());

    @Test
    void p9DashboardOverTheP3DataAgainstHandWrittenSql() throws Exception {
        try (BenchDatabase db = BenchDatabase.derby()) {
            LocalDate to = LocalDate.now(ZONE).minusDays(1);
            LocalDate from = to.minusYears(5).plusDays(1);
            try (RecordStore store = db.open(MODEL, () -> new Principal(ProductRun.USER, "Benchmark"))) {
                BenchmarkReport.enroll(store);
                long entries;
                try (Connection c = db.connect()) {
                    entries = ComplianceBenchmark.seed(store, c, from, to);
                }
                Instant now = Instant.now();
                Period period = Period.lastMonths(12, now, ZONE);
                try (Connection c = db.connect()) {
                    Figures sql = sql(c, db, period); // warm-up of both, not counted
                    List<Dashboard.Section> sections = drawn(store, period);
                    long[] api = new long[RUNS];
                    long[] compute = new long[RUNS];
                    long[] floor = new long[RUNS];
                    for (int i = 0; i < RUNS; i++) {
                        long t0 = System.nanoTime();
                        sections = Dashboard.compute(store, period, MODULES);
                        long t1 = System.nanoTime();
                        draw(sections);
                        long t2 = System.nanoTime();
                        sql = sql(c, db, period);
                        long t3 = System.nanoTime();
                        compute[i] = (t1 - t0) / 1_000_000;
                        api[i] = (t2 - t0) / 1_000_000;
                        floor[i] = (t3 - t2) / 1_000_000;
                    }
                    int charts = agree(sections, sql, period);
                    double a = BenchmarkReport.median(api);
                    double f = BenchmarkReport.median(floor);
                    BenchmarkReport.line(String.format("P9 dashboard, last 12 months over the P3 data (%d systems,"
                            + " %,d log entries), %d charts of %d modules computed and drawn: median %.0f ms of %s"
                            + " (computing alone median %.0f ms)", SYSTEMS, entries, charts, sections.size(), a,
                            java.util.Arrays.toString(api), BenchmarkReport.median(compute)));
                    BenchmarkReport.line(String.format("P9 floor, hand-written SQL for the same figures:           "
                            + " median %.0f ms of %s", f, java.util.Arrays.toString(floor)));
                    BenchmarkReport.line(String.format("P9 goal: all charts drawn < 1000 ms (%s); ratio to the SQL"
                            + " = %.2f", a < 1000 ? "met" : "NOT met", a / Math.max(1, f)));
                }
            }
        }
    }

    private static final int SYSTEMS = Integer.getInteger("qms.benchmark.systems", 500);

    private static List<Dashboard.Section> drawn(RecordStore store, Period period) {
        List<Dashboard.Section> sections = Dashboard.compute(store, period, MODULES);
        draw(sections);
        return sections;
    }

    /** Every chart at the size the dashboard gives it on a 1600-pixel screen, as its canvas draws it. */
    private static void draw(List<Dashboard.Section> sections) {
        for (Dashboard.Section s : sections) {
            if (s.error() != null) {
                throw new AssertionError(s.title() + ": " + s.error());
            }
            for (Chart chart : s.charts()) {
                BufferedImage image = new BufferedImage(500, 270, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = image.createGraphics();
                try {
                    ChartPainter.of(chart).draw(g, new Rectangle2D.Double(0, 0, 500, 270));
                } finally {
                    g.dispose();
                }
            }
        }
    }

    /** What the SQL says: per month the systems with a day without a completed backup; the other tables' rows. */
    record Figures(Map<YearMonth, Set<String>> missing, Map<String, Timestamp> lastTest, long others) {
    }

    private static Figures sql(Connection c, BenchDatabase db, Period period) throws Exception {
        Timestamp start = Timestamp.from(period.first().atDay(1).atStartOfDay(ZONE).toInstant());
        Map<String, Integer> policies = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT SYSTEM_ID,"
                + " RESTORE_TEST_CADENCE_DAYS FROM " + Naming.table(BackupPackage.Literals.BACKUP_POLICY))) {
            while (r.next()) {
                policies.put(r.getString(1), r.getInt(2));
            }
        }
        Map<YearMonth, Set<String>> missing = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT SYSTEM_ID, YEAR(STARTED_AT), MONTH(STARTED_AT),"
                + " COUNT(DISTINCT DATE(STARTED_AT)) FROM " + Naming.table(BackupPackage.Literals.BACKUP_LOG_ENTRY)
                + " WHERE COMPLETED = " + db.trueLiteral() + " AND STARTED_AT >= ? GROUP BY SYSTEM_ID,"
                + " YEAR(STARTED_AT), MONTH(STARTED_AT)")) {
            ps.setTimestamp(1, start);
            Map<YearMonth, Set<String>> complete = new HashMap<>();
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    YearMonth m = YearMonth.of(r.getInt(2), r.getInt(3));
                    if (r.getInt(4) == m.lengthOfMonth()) {
                        complete.computeIfAbsent(m, k -> new HashSet<>()).add(r.getString(1));
                    }
                }
            }
            for (YearMonth m : period.months()) {
                Set<String> some = new HashSet<>(policies.keySet());
                some.removeAll(complete.getOrDefault(m, Set.of()));
                missing.put(m, some);
            }
        }
        Map<String, Timestamp> lastTest = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT SYSTEM_ID, MAX(TESTED_AT) FROM "
                + Naming.table(BackupPackage.Literals.RESTORATION_TEST) + " GROUP BY SYSTEM_ID")) {
            while (r.next()) {
                lastTest.put(r.getString(1), r.getTimestamp(2));
            }
        }
        long others = 0;
        for (EClass type : List.of(CapaPackage.Literals.CAPA,
                SopPackage.Literals.SOP_VERSION, SopPackage.Literals.INCIDENT, VendorPackage.Literals.VENDOR_PROFILE,
                VendorPackage.Literals.KPI_MEASUREMENT, QmsPackage.Literals.PERSON)) {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM " + Naming.table(
                    type))) {
                while (r.next()) {
                    others++;
                }
            }
        }
        return new Figures(missing, lastTest, others);
    }

    /**
     * The modules and the SQL must agree: every month judges every system, no system with a day without a completed
     * backup in a past month is Compliant in it, and every system with a policy has its next test counted. Returns
     * the number of charts.
     */
    private static int agree(List<Dashboard.Section> sections, Figures sql, Period period) {
        Chart months = chart(sections, "backup.compliance");
        for (YearMonth m : period.months()) {
            String label = Period.label(m);
            double judged = months.series().stream().mapToDouble(s -> months.point(s.name(), label).orElseThrow()
                    .value()).sum();
            if (judged != SYSTEMS) {
                throw new AssertionError(label + ": " + judged + " systems judged, not " + SYSTEMS);
            }
            if (!m.equals(period.last())) {
                Set<String> compliant = new HashSet<>(months.point("Compliant", label).orElseThrow().recordIds());
                compliant.retainAll(sql.missing().get(m));
                if (!compliant.isEmpty()) {
                    throw new AssertionError(label + ": " + compliant.size() + " systems missed a day by the SQL"
                            + " but are Compliant on the dashboard");
                }
            }
        }
        double tests = chart(sections, "backup.restoreTests").total();
        if (tests != sql.lastTest().size()) {
            throw new AssertionError(tests + " restoration tests due on the dashboard, " + sql.lastTest().size()
                    + " systems with tests by the SQL");
        }
        return sections.stream().mapToInt(s -> s.charts().size()).sum();
    }

    private static Chart chart(List<Dashboard.Section> sections, String id) {
        return sections.stream().flatMap(s -> s.charts().stream()).filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no chart " + id));
    }
}
