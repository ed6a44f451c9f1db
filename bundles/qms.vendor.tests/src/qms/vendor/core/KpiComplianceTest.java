package qms.vendor.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import qms.vendor.model.KpiKind;
import qms.vendor.model.KpiPeriod;
import qms.vendor.model.util.Periods;

/** Compliance of a measurement at the boundaries of its target, and the real length of periods. */
class KpiComplianceTest {

    /** The verdict, which the scan's judge (its cached fast path) must give the same. */
    private static boolean availability(double target, KpiPeriod kind, String period, int down) {
        boolean met = KpiCompliance.evaluate(KpiKind.AVAILABILITY, target, kind, period, down, null).orElseThrow()
                .met();
        assertEquals(met, new KpiCompliance.Judge().met(KpiKind.AVAILABILITY, target, kind, period, down, null));
        return met;
    }

    @Test
    void at999PercentA30DayMonthAllows43MinutesDownNot44() {
        assertTrue(availability(99.9, KpiPeriod.MONTH, "2026-09", 43));
        assertFalse(availability(99.9, KpiPeriod.MONTH, "2026-09", 44));
        assertEquals("Availability 99.898 % (44 min down of 43,200) misses the target of at least 99.9 %",
                KpiCompliance.evaluate(KpiKind.AVAILABILITY, 99.9, KpiPeriod.MONTH, "2026-09", 44, null).orElseThrow()
                        .text());
    }

    @Test
    void aMonthsRealLengthCounts31DaysAllow44MinutesAndFebruaryFewer() {
        assertTrue(availability(99.9, KpiPeriod.MONTH, "2026-08", 44), "44,640 minutes allow 44.64");
        assertFalse(availability(99.9, KpiPeriod.MONTH, "2026-08", 45));
        assertTrue(availability(99.9, KpiPeriod.MONTH, "2026-02", 40), "40,320 minutes allow 40.32");
        assertFalse(availability(99.9, KpiPeriod.MONTH, "2026-02", 41));
        assertEquals(29 * 1440, Periods.parse("2028-02", KpiPeriod.MONTH).orElseThrow().minutes(), "a leap February");
        assertEquals(92 * 1440, Periods.parse("2026-Q3", KpiPeriod.QUARTER).orElseThrow().minutes());
        assertEquals(90 * 1440, Periods.parse("2026-Q1", KpiPeriod.QUARTER).orElseThrow().minutes());
    }

    @Test
    void exactTargetsAreMetWithoutFloatingPointSlack() {
        // 99.95 % of 30 days: exactly 21.6 minutes; 100 % allows nothing
        assertTrue(availability(99.95, KpiPeriod.MONTH, "2026-06", 21));
        assertFalse(availability(99.95, KpiPeriod.MONTH, "2026-06", 22));
        assertTrue(availability(100, KpiPeriod.MONTH, "2026-06", 0));
        assertFalse(availability(100, KpiPeriod.MONTH, "2026-06", 1));
        // a quarter of 92 days at 99.9 %: 132.48 minutes
        assertTrue(availability(99.9, KpiPeriod.QUARTER, "2026-Q3", 132));
        assertFalse(availability(99.9, KpiPeriod.QUARTER, "2026-Q3", 133));
    }

    @Test
    void percentagesAndTestsMustReachTheTargetHoursMustNotExceedIt() {
        assertTrue(value(KpiKind.BACKUP_SUCCESS, 99, 99.0));
        assertFalse(value(KpiKind.BACKUP_SUCCESS, 99, 98.99));
        assertTrue(value(KpiKind.RESTORE_TESTS, 1, 1.0));
        assertFalse(value(KpiKind.RESTORE_TESTS, 1, 0.0));
        assertTrue(value(KpiKind.NOTIFICATION_HOURS, 24, 24.0));
        assertFalse(value(KpiKind.NOTIFICATION_HOURS, 24, 24.5));
        assertTrue(value(KpiKind.RPO_HOURS, 4, 3.5));
        assertEquals("Support response 5.5 h misses the target of at most 4 h", KpiCompliance.evaluate(
                KpiKind.SUPPORT_RESPONSE_HOURS, 4, KpiPeriod.MONTH, "2026-07", null, 5.5).orElseThrow().text());
    }

    @Test
    void aMeasurementWithoutWhatItsKpiNeedsIsNotJudged() {
        assertTrue(KpiCompliance.evaluate(KpiKind.AVAILABILITY, 99.9, KpiPeriod.MONTH, "2026-7", 3, null).isEmpty());
        assertTrue(KpiCompliance.evaluate(KpiKind.AVAILABILITY, 99.9, KpiPeriod.MONTH, "2026-07", null, 99.0)
                .isEmpty());
        assertTrue(KpiCompliance.evaluate(KpiKind.BACKUP_SUCCESS, 99, KpiPeriod.MONTH, "2026-07", null, null)
                .isEmpty());
    }

    @Test
    void periodsAreWrittenAsTheKpiIsMeasured() {
        assertEquals(LocalDate.of(2026, 7, 1), Periods.parse("2026-Q3", KpiPeriod.QUARTER).orElseThrow().start());
        assertEquals(LocalDate.of(2026, 10, 1), Periods.parse("2026-Q3", KpiPeriod.QUARTER).orElseThrow().end());
        assertTrue(Periods.parse("2026-Q3", KpiPeriod.MONTH).isEmpty());
        assertTrue(Periods.parse("2026-07", KpiPeriod.QUARTER).isEmpty());
        assertTrue(Periods.parse("2026-13", KpiPeriod.MONTH).isEmpty());
        assertTrue(Periods.parse("2026-Q5", KpiPeriod.QUARTER).isEmpty());
        assertEquals("2026-Q4", Periods.of(LocalDate.of(2026, 12, 31), KpiPeriod.QUARTER));
        assertEquals("2026-01", Periods.of(LocalDate.of(2026, 1, 1), KpiPeriod.MONTH));
    }

    private static boolean value(KpiKind kind, double target, double v) {
        boolean met = KpiCompliance.evaluate(kind, target, KpiPeriod.MONTH, "2026-07", null, v).orElseThrow().met();
        assertEquals(met, new KpiCompliance.Judge().met(kind, target, KpiPeriod.MONTH, "2026-07", null, v));
        return met;
    }
}
