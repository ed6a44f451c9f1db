package qms.vendor.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.core.Records;
import qms.core.Services;
import qms.core.dashboard.Chart;
import qms.core.dashboard.DashboardFigures;
import qms.core.dashboard.Period;
import qms.vendor.model.KpiMeasurement;
import qms.vendor.model.ServiceKpi;
import qms.vendor.model.VendorPackage;

/** The vendor module's dashboard on the real store: what is due, and the SLA breaches quarter by quarter. */
class VendorDashboardTest {

    @TempDir
    Path dir;

    private static KpiMeasurement measured(ServiceKpi kpi, String period, Integer down, Double value) {
        KpiMeasurement m = Records.newRecord(VendorPackage.Literals.KPI_MEASUREMENT);
        m.setKpi(kpi);
        m.setPeriod(period);
        m.setDowntimeMinutes(down);
        m.setValue(value);
        return m;
    }

    @Test
    void breachesAreCountedInTheQuarterTheirPeriodStartsAndEachPointOpensItsMeasurements() throws Exception {
        try (VendorFixture f = new VendorFixture(dir)) {
            List<KpiMeasurement> ms = new ArrayList<>();
            // availability 99.9 % of a 30/31-day month allows 43/44 minutes down
            KpiMeasurement julyDown = measured(f.availability, "2026-07", 120, null);
            KpiMeasurement augustDown = measured(f.availability, "2026-08", 60, null);
            ms.add(julyDown);
            ms.add(augustDown);
            ms.add(measured(f.availability, "2026-09", 10, null)); // met
            KpiMeasurement octoberDown = measured(f.availability, "2026-10", 500, null);
            ms.add(octoberDown);
            ms.add(measured(f.availability, "2025-10", 500, null)); // before the period
            KpiMeasurement slowSupport = measured(f.support, "2026-Q4", null, 9.0); // at most 4 h
            ms.add(slowSupport);
            ms.add(measured(f.support, "2026-Q3", null, 2.0)); // met
            f.store.save(ms, null);

            Period period = new Period(YearMonth.of(2026, 1), YearMonth.of(2026, 12), VendorFixture.TODAY.atTime(9, 0)
                    .toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
            List<Chart> charts = new VendorDashboard().charts(f.store, period);
            Chart breaches = charts.get(1);
            assertEquals("vendor.breaches", breaches.id());
            assertEquals(Chart.Kind.LINES, breaches.kind());
            assertEquals(List.of("2026 Q1", "2026 Q2", "2026 Q3", "2026 Q4"), breaches.categories());
            assertEquals(List.of("Availability", "Support response"), breaches.series().stream().map(
                    Chart.Series::name).toList());
            assertEquals(0, breaches.point("Availability", "2026 Q2").orElseThrow().value());
            assertEquals(2, breaches.point("Availability", "2026 Q3").orElseThrow().value());
            assertEquals(java.util.Set.of(julyDown.getId(), augustDown.getId()), java.util.Set.copyOf(breaches.point(
                    "Availability", "2026 Q3").orElseThrow().recordIds()));
            assertEquals(List.of(octoberDown.getId()), breaches.point("Availability", "2026 Q4").orElseThrow()
                    .recordIds());
            assertEquals(List.of(slowSupport.getId()), breaches.point("Support response", "2026 Q4").orElseThrow()
                    .recordIds());
            assertEquals("4 measurements missed their targets in the period", breaches.note());

            Chart due = charts.get(0);
            assertEquals(List.of("Requalification", "Certificate", "Agreement renewal"), due.categories());
            // a vendor hosting a High system and never qualified is due at once
            assertEquals(List.of(f.profile.getId()), due.point("Overdue", "Requalification").orElseThrow()
                    .recordIds());
            assertEquals(due.total(), new VendorDue(f.store).items(period.today()).stream().filter(i -> i
                    .state() != VendorDue.State.LATER).count());
            assertTrue(Services.all(DashboardFigures.class).stream().anyMatch(VendorDashboard.class::isInstance),
                    "registered through DS");
        }
    }
}
