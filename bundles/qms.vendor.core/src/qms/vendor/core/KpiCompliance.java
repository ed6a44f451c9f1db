package qms.vendor.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import qms.vendor.model.KpiKind;
import qms.vendor.model.KpiMeasurement;
import qms.vendor.model.KpiPeriod;
import qms.vendor.model.ServiceKpi;
import qms.vendor.model.util.Periods;

/**
 * Whether a measurement meets its KPI's target, computed, never typed. Percentages and tests done must reach the
 * target, hours must not exceed it. Availability is computed from the downtime minutes over the period's real length
 * (a 30-day month has 43,200 minutes: at 99.9 % the service may be down 43.2 minutes, so 43 minutes meet the target and
 * 44 do not); the comparison is exact, in decimals, never in floating point.
 */
public final class KpiCompliance {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /**
     * What a measurement shows.
     *
     * @param met    whether the target is met
     * @param actual the value measured (availability: computed), as the KPI counts it
     * @param text   in words: "Availability 99.898 % (44 min down of 43,200) misses the target of at least 99.9 %"
     */
    public record Result(boolean met, double actual, String text) {
    }

    private KpiCompliance() {
    }

    /** Whether the KPI's values must reach the target (true) or stay within it (false). */
    public static boolean atLeast(KpiKind kind) {
        return kind == KpiKind.AVAILABILITY || kind == KpiKind.BACKUP_SUCCESS || kind == KpiKind.RESTORE_TESTS;
    }

    /** The measurement against its KPI; empty when it cannot be judged (no period or value as the KPI needs). */
    public static Optional<Result> evaluate(ServiceKpi kpi, KpiMeasurement m) {
        if (!kpi.isSetKind()) {
            return Optional.empty();
        }
        return evaluate(kpi.getKind(), kpi.getTarget(), kpi.getPeriod(), m.getPeriod(), m.getDowntimeMinutes(), m
                .getValue());
    }

    /** As {@link #evaluate(ServiceKpi, KpiMeasurement)}, from the columns a scan reads. */
    public static Optional<Result> evaluate(KpiKind kind, double target, KpiPeriod periodKind, String period,
            Integer downtimeMinutes, Double value) {
        String goal = (atLeast(kind) ? "at least " : "at most ") + number(target) + unit(kind);
        if (kind == KpiKind.AVAILABILITY) {
            Optional<Periods.Span> span = Periods.parse(period, periodKind);
            if (span.isEmpty() || downtimeMinutes == null) {
                return Optional.empty();
            }
            long length = span.get().minutes();
            long down = downtimeMinutes;
            boolean met = down <= allowedDowntime(length, target);
            double actual = 100.0 * (length - down) / length;
            String text = "Availability " + BigDecimal.valueOf(actual).setScale(3, RoundingMode.DOWN)
                    .stripTrailingZeros().toPlainString() + " % (" + down + " min down of " + String.format("%,d",
                            length) + ") " + (met ? "meets" : "misses") + " the target of " + goal;
            return Optional.of(new Result(met, actual, text));
        }
        if (value == null) {
            return Optional.empty();
        }
        boolean met = meets(kind, target, value);
        return Optional.of(new Result(met, value, kind.getLiteral().replaceFirst(" \\(.*\\)$", "") + " " + number(
                value) + unit(kind) + " " + (met ? "meets" : "misses") + " the target of " + goal));
    }

    /**
     * The most whole minutes down a period of {@code length} minutes allows at an availability target: the largest d
     * with d * 100 <= length * (100 - target), in exact decimals (99.9 % of 30 days: 43).
     */
    static long allowedDowntime(long length, double target) {
        return BigDecimal.valueOf(length).multiply(HUNDRED.subtract(BigDecimal.valueOf(target))).divide(HUNDRED, 0,
                RoundingMode.FLOOR).longValue();
    }

    /**
     * Judges many measurements, as a scan reads them, with the verdict of {@link #evaluate} but without its words:
     * the periods' spans and the allowed downtimes are worked out once each, not once a row.
     */
    public static final class Judge {

        private final Map<String, Optional<Periods.Span>> spans = new HashMap<>();
        private final Map<Long, Map<Double, Long>> allowed = new HashMap<>();

        /** Whether the measurement meets its target; null when it cannot be judged. */
        public Boolean met(KpiKind kind, double target, KpiPeriod periodKind, String period, Integer downtimeMinutes,
                Double value) {
            if (kind == KpiKind.AVAILABILITY) {
                if (downtimeMinutes == null || period == null) {
                    return null;
                }
                Optional<Periods.Span> span = spans.computeIfAbsent(periodKind.getLiteral() + "/" + period,
                        k -> Periods.parse(period, periodKind));
                if (span.isEmpty()) {
                    return null;
                }
                long length = span.get().minutes();
                return downtimeMinutes <= allowed.computeIfAbsent(length, l -> new HashMap<>()).computeIfAbsent(
                        target, t -> allowedDowntime(length, t));
            }
            if (value == null) {
                return null;
            }
            return meets(kind, target, value);
        }
    }

    /** Whether a value (not availability's downtime) meets the target: reaches it, or stays within it. */
    private static boolean meets(KpiKind kind, double target, double value) {
        return atLeast(kind) ? value >= target : value <= target;
    }

    private static String unit(KpiKind kind) {
        return switch (kind) {
        case AVAILABILITY, BACKUP_SUCCESS -> " %";
        case RESTORE_TESTS -> "";
        default -> " h";
        };
    }

    private static String number(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
