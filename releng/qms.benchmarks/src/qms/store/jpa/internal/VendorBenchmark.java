package qms.store.jpa.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.emf.ecore.EStructuralFeature;
import org.junit.jupiter.api.Test;

import qms.core.CoreModelContribution;
import qms.core.Days;
import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.StoreConfig;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.model.Vendor;
import qms.vendor.core.SlaCompliance;
import qms.vendor.core.VendorModelContribution;
import qms.vendor.model.AgreementType;
import qms.vendor.model.KpiKind;
import qms.vendor.model.KpiPeriod;
import qms.vendor.model.ServiceAgreement;
import qms.vendor.model.ServiceKpi;
import qms.vendor.model.VendorPackage;

/**
 * P8: the SLA compliance of 1,000 vendors x 5 agreements x 20 KPIs x 36 months of measurements (3.6 million),
 * computed by the vendor module through the store (a scan of the measurements' columns judged against the KPIs'
 * targets: availability from downtime minutes over each month's real length), against the floor of one hand-written
 * SQL aggregate over the same rows giving the same per-KPI counts (the month lengths joined in as a VALUES table).
 * The vendors, agreements and KPIs are written through the store API, the measurements with raw JDBC (the store
 * API's cost is P2's subject, not this one's). The two must agree on every KPI's counts.
 */
class VendorBenchmark {

    private static final int VENDORS = Integer.getInteger("qms.benchmark.vendors", 1_000);
    private static final int AGREEMENTS = 5;
    private static final int KPIS = 20;
    private static final int MONTHS = 36;
    private static final int RUNS = Integer.getInteger("qms.benchmark.runs", 3);
    private static final KpiKind[] KINDS = { KpiKind.AVAILABILITY, KpiKind.BACKUP_SUCCESS, KpiKind.RESTORE_TESTS,
        KpiKind.NOTIFICATION_HOURS, KpiKind.SUPPORT_RESPONSE_HOURS };
    private static final double[] TARGETS = { 99.9, 99.0, 1, 24, 4 };

    @Test
    void p8SlaComplianceOf36MillionMeasurementsAgainstOneSqlAggregate() throws Exception {
        Path dir = Files.createTempDirectory("qms-p8-");
        Path key = dir.resolveSibling(dir.getFileName() + ".key");
        YearMonth first = YearMonth.now(ZoneOffset.UTC).minusMonths(MONTHS);
        try (RecordStore store = new DerbyStoreFactory().open(new StoreConfig(dir, key), ModelRegistry.of(List.of(
                new CoreModelContribution(), new VendorModelContribution())), () -> new Principal(ProductRun.USER,
                        "Benchmark"))) {
            BenchmarkReport.enroll(store);
            long t0 = System.nanoTime();
            List<ServiceKpi> kpis = seedRecords(store);
            long records = (System.nanoTime() - t0) / 1_000_000;
            long t1 = System.nanoTime();
            long[] seeded = seedMeasurements(dir, key, kpis, first);
            long rows = (System.nanoTime() - t1) / 1_000_000;
            try (Connection c = BenchmarkReport.connect(dir, key)) {
                String sql = aggregate(first);
                Map<String, SlaCompliance.Counts> api = SlaCompliance.byKpi(store); // warm-up of both, not counted
                Map<String, SlaCompliance.Counts> floor = sql(c, sql);
                long[][] ms = new long[2][RUNS];
                for (int i = 0; i < RUNS; i++) {
                    long a = System.nanoTime();
                    api = SlaCompliance.byKpi(store);
                    long b = System.nanoTime();
                    floor = sql(c, sql);
                    long d = System.nanoTime();
                    ms[0][i] = (b - a) / 1_000_000;
                    ms[1][i] = (d - b) / 1_000_000;
                }
                long missed = api.values().stream().mapToLong(SlaCompliance.Counts::missed).sum();
                long judged = api.values().stream().mapToLong(SlaCompliance.Counts::judged).sum();
                if (!api.equals(floor) || judged != seeded[0] || missed != seeded[1]) {
                    throw new AssertionError(String.format("the store and the SQL disagree: %,d / %,d KPIs, %,d"
                            + " measurements judged of %,d seeded, %,d missed of %,d seeded", api.size(), floor.size(),
                            judged, seeded[0], missed, seeded[1]));
                }
                double m0 = BenchmarkReport.median(ms[0]);
                double m1 = BenchmarkReport.median(ms[1]);
                BenchmarkReport.line(String.format("P8 data: %,d vendors x %d agreements x %d KPIs (%,d KPIs, through"
                        + " the store API in %,d ms) x %d months = %,d measurements (raw JDBC in %,d ms)", VENDORS,
                        AGREEMENTS, KPIS, kpis.size(), records, MONTHS, judged, rows));
                BenchmarkReport.line(String.format("P8 SLA compliance of every KPI (%,d breaches): median %.0f ms of %s",
                        missed, m0, Arrays.toString(ms[0])));
                BenchmarkReport.line(String.format("P8 floor, one SQL aggregate over the same rows:  median %.0f ms of"
                        + " %s", m1, Arrays.toString(ms[1])));
                BenchmarkReport.line(String.format("P8 ratio compliance/SQL = %.2f (goal <= 2)", m0 / m1));
            }
        } finally {
            BenchmarkReport.delete(dir);
        }
    }

    private static String col(EStructuralFeature f) {
        return BenchmarkReport.column(f);
    }

    /**
     * Per KPI: measurements judged and missed, by the rules of the module written as SQL — availability from the
     * downtime against the month's minutes (a VALUES table of the months), the others against the target.
     */
    private static String aggregate(YearMonth first) {
        List<String> months = new ArrayList<>();
        for (int i = 0; i < MONTHS; i++) {
            YearMonth ym = first.plusMonths(i);
            months.add("('" + ym + "', " + ym.lengthOfMonth() * 1440 + ")");
        }
        String down = "m." + col(VendorPackage.Literals.KPI_MEASUREMENT__DOWNTIME_MINUTES);
        String value = "m." + col(VendorPackage.Literals.KPI_MEASUREMENT__VALUE);
        String kind = "k." + col(VendorPackage.Literals.SERVICE_KPI__KIND);
        String target = "k." + col(VendorPackage.Literals.SERVICE_KPI__TARGET);
        String miss = "CASE WHEN " + kind + " = 'AVAILABILITY' THEN CASE WHEN " + down + " * 100 > p.MINUTES * (100 - "
                + target + ") THEN 1 ELSE 0 END WHEN " + kind + " IN ('BACKUP_SUCCESS', 'RESTORE_TESTS') THEN CASE WHEN "
                + value + " < " + target + " THEN 1 ELSE 0 END ELSE CASE WHEN " + value + " > " + target
                + " THEN 1 ELSE 0 END END";
        return "SELECT m." + col(VendorPackage.Literals.KPI_MEASUREMENT__KPI) + ", COUNT(*), SUM(" + miss + ") FROM "
                + Naming.table(VendorPackage.Literals.KPI_MEASUREMENT) + " m JOIN " + Naming.table(VendorPackage.Literals
                        .SERVICE_KPI) + " k ON k.ID = m." + col(VendorPackage.Literals.KPI_MEASUREMENT__KPI)
                + " JOIN (VALUES " + String.join(", ", months) + ") AS p (PERIOD, MINUTES) ON p.PERIOD = m." + col(
                        VendorPackage.Literals.KPI_MEASUREMENT__PERIOD) + " WHERE (" + kind + " = 'AVAILABILITY' AND "
                + down + " IS NOT NULL) OR (" + kind + " <> 'AVAILABILITY' AND " + value + " IS NOT NULL) GROUP BY m."
                + col(VendorPackage.Literals.KPI_MEASUREMENT__KPI);
    }

    private static Map<String, SlaCompliance.Counts> sql(Connection c, String sql) throws Exception {
        Map<String, SlaCompliance.Counts> counts = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                counts.put(r.getString(1), new SlaCompliance.Counts(r.getInt(2), r.getInt(3)));
            }
        }
        return counts;
    }

    /** The vendors, their agreements and KPIs (four of each kind an agreement), through the store API. */
    private static List<ServiceKpi> seedRecords(RecordStore store) {
        List<ServiceKpi> kpis = new ArrayList<>();
        for (int v = 0; v < VENDORS; v++) {
            List<Record> batch = new ArrayList<>();
            Vendor vendor = Records.newRecord(QmsPackage.Literals.VENDOR);
            vendor.setName(String.format("Vendor %04d", v));
            batch.add(vendor);
            for (int a = 0; a < AGREEMENTS; a++) {
                ServiceAgreement agreement = Records.newRecord(VendorPackage.Literals.SERVICE_AGREEMENT);
                agreement.setVendor(vendor);
                agreement.setReference(String.format("SLA-%04d-%d", v, a));
                agreement.setTitle("Service " + a + " of " + vendor.getName());
                agreement.setType(AgreementType.SLA);
                agreement.setValidFrom(Days.day(LocalDate.of(2023, 1, 1)));
                batch.add(agreement);
                for (int k = 0; k < KPIS; k++) {
                    ServiceKpi kpi = Records.newRecord(VendorPackage.Literals.SERVICE_KPI);
                    kpi.setAgreement(agreement);
                    kpi.setName("KPI " + k);
                    kpi.setKind(KINDS[k % KINDS.length]);
                    kpi.setTarget(TARGETS[k % KINDS.length]);
                    kpi.setPeriod(KpiPeriod.MONTH);
                    batch.add(kpi);
                    kpis.add(kpi);
                }
            }
            store.save(batch, "benchmark data");
        }
        return kpis;
    }

    /**
     * One measurement a KPI a month; about one in 200 misses its target (availability: 97 minutes down, well past
     * every month's allowance; the others a value beyond the target). Returns {measurements, misses}.
     */
    private static long[] seedMeasurements(Path dir, Path key, List<ServiceKpi> kpis, YearMonth first)
            throws Exception {
        String table = Naming.table(VendorPackage.Literals.KPI_MEASUREMENT);
        long n = 0;
        long misses = 0;
        try (Connection c = BenchmarkReport.connect(dir, key)) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (ID, VERSION, " + col(
                    VendorPackage.Literals.KPI_MEASUREMENT__KPI) + ", " + col(VendorPackage.Literals
                            .KPI_MEASUREMENT__PERIOD) + ", " + col(VendorPackage.Literals
                                    .KPI_MEASUREMENT__DOWNTIME_MINUTES) + ", " + col(VendorPackage.Literals
                                            .KPI_MEASUREMENT__VALUE) + ", " + col(VendorPackage.Literals
                                                    .KPI_MEASUREMENT__SOURCE) + ") VALUES (?, 1, ?, ?, ?, ?,"
                    + " 'benchmark')")) {
                for (int month = 0; month < MONTHS; month++) {
                    String period = first.plusMonths(month).toString();
                    for (int k = 0; k < kpis.size(); k++) {
                        ServiceKpi kpi = kpis.get(k);
                        boolean miss = (k * 31 + month * 7) % 200 == 0;
                        ps.setString(1, UUID.randomUUID().toString());
                        ps.setString(2, kpi.getId());
                        ps.setString(3, period);
                        if (kpi.getKind() == KpiKind.AVAILABILITY) {
                            ps.setInt(4, miss ? 97 : (k + month) % 40);
                            ps.setNull(5, java.sql.Types.DOUBLE);
                        } else {
                            ps.setNull(4, java.sql.Types.INTEGER);
                            ps.setDouble(5, value(kpi.getKind(), kpi.getTarget(), miss));
                        }
                        ps.addBatch();
                        misses += miss ? 1 : 0;
                        if (++n % 10_000 == 0) {
                            ps.executeBatch();
                            c.commit();
                        }
                    }
                }
                ps.executeBatch();
                c.commit();
            }
        }
        return new long[] { n, misses };
    }

    private static double value(KpiKind kind, double target, boolean miss) {
        return switch (kind) {
        case BACKUP_SUCCESS -> miss ? target - 2.5 : 100;
        case RESTORE_TESTS -> miss ? 0 : target;
        default -> miss ? target * 3 : target / 2;
        };
    }
}
