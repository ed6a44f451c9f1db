package qms.vendor.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import qms.core.Query;
import qms.core.RecordStore;
import qms.model.QmsPackage;
import qms.vendor.model.KpiKind;
import qms.vendor.model.KpiPeriod;
import qms.vendor.model.VendorPackage;

/**
 * The compliance of every measured KPI, computed from the measurements as a scan reads them (five columns a row,
 * never whole records) against the KPIs' targets (four columns each): how many were judged and how many missed the
 * target. What {@link BreachFindings#all} and a dashboard count; millions of measurements are one pass.
 */
public final class SlaCompliance {

    /** A KPI's target as the judge needs it. */
    record Target(KpiKind kind, double target, KpiPeriod period) {
    }

    /** A KPI's measurements: judged (those with what the KPI needs) and missed. */
    public record Counts(int judged, int missed) {
    }

    /** A measurement that missed its target: its id and its KPI's id. */
    record Miss(String measurementId, String kpiId) {
    }

    private SlaCompliance() {
    }

    /** Every KPI that has a judged measurement, by id, with its counts. */
    public static Map<String, Counts> byKpi(RecordStore store) {
        Map<String, int[]> counts = new HashMap<>();
        scan(store, (kpi, target, id, period, met) -> {
            int[] c = counts.computeIfAbsent(kpi, k -> new int[2]);
            c[0]++;
            if (!met) {
                c[1]++;
            }
        });
        Map<String, Counts> result = new HashMap<>();
        counts.forEach((k, c) -> result.put(k, new Counts(c[0], c[1])));
        return result;
    }

    /** The measurements that missed their targets, in the order the scan read them. */
    static List<Miss> misses(RecordStore store) {
        List<Miss> misses = new java.util.ArrayList<>();
        scan(store, (kpi, target, id, period, met) -> {
            if (!met) {
                misses.add(new Miss(id, kpi));
            }
        });
        return misses;
    }

    /** A measurement that missed its target: its id, its KPI's kind, and the day its period starts. */
    public record Breach(String measurementId, KpiKind kind, java.time.LocalDate periodStart) {
    }

    /** Every measurement that missed its target and whose period starts on a day known, in the order read. */
    public static List<Breach> breaches(RecordStore store) {
        List<Breach> breaches = new java.util.ArrayList<>();
        scan(store, (kpi, target, id, period, met) -> {
            if (!met) {
                qms.vendor.model.util.Periods.parse(period, target.period()).ifPresent(span -> breaches.add(
                        new Breach(id, target.kind(), span.start())));
            }
        });
        return breaches;
    }

    private interface Verdicts {
        void judged(String kpiId, Target target, String measurementId, String period, boolean met);
    }

    private static void scan(RecordStore store, Verdicts verdicts) {
        Map<String, Target> targets = new HashMap<>();
        store.scan(Query.of(VendorPackage.Literals.SERVICE_KPI), List.of(QmsPackage.Literals.RECORD__ID,
                VendorPackage.Literals.SERVICE_KPI__KIND, VendorPackage.Literals.SERVICE_KPI__TARGET,
                VendorPackage.Literals.SERVICE_KPI__PERIOD), row -> {
                    if (row[1] != null && row[2] != null) {
                        targets.put((String) row[0], new Target((KpiKind) row[1], (Double) row[2], row[3] == null
                                ? KpiPeriod.MONTH : (KpiPeriod) row[3]));
                    }
                });
        KpiCompliance.Judge judge = new KpiCompliance.Judge();
        store.scan(Query.of(VendorPackage.Literals.KPI_MEASUREMENT), List.of(QmsPackage.Literals.RECORD__ID,
                VendorPackage.Literals.KPI_MEASUREMENT__KPI, VendorPackage.Literals.KPI_MEASUREMENT__PERIOD,
                VendorPackage.Literals.KPI_MEASUREMENT__DOWNTIME_MINUTES, VendorPackage.Literals.KPI_MEASUREMENT__VALUE),
                row -> {
                    Target t = targets.get((String) row[1]);
                    Boolean met = t == null ? null : judge.met(t.kind(), t.target(), t.period(), (String) row[2],
                            (Integer) row[3], (Double) row[4]);
                    if (met != null) {
                        verdicts.judged((String) row[1], t, (String) row[0], (String) row[2], met);
                    }
                });
    }
}
