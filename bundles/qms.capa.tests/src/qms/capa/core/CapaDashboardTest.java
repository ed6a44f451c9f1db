package qms.capa.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.capa.model.Capa;
import qms.capa.model.CapaPackage;
import qms.core.Query;
import qms.core.Records;
import qms.core.Services;
import qms.core.dashboard.Chart;
import qms.core.dashboard.DashboardFigures;
import qms.core.dashboard.Period;
import qms.model.QmsPackage;
import qms.model.UserAccount;
import qms.testing.ModuleTestStore;

/** The CAPA module's dashboard on the real store: open CAPAs by age and status, tasks overdue, opened by month. */
class CapaDashboardTest {

    @TempDir
    Path dir;

    private static Capa capa(ModuleTestStore test, String reference, LocalDate opened, LocalDate due) {
        Capa c = Records.newRecord(CapaPackage.Literals.CAPA);
        c.setReference(reference);
        c.setTitle("CAPA " + reference);
        c.setOpenedOn(CapaLifecycle.day(opened));
        c.setDueDate(CapaLifecycle.day(due));
        c.setOwner(test.store.list(Query.of(QmsPackage.Literals.USER_ACCOUNT)).stream().map(UserAccount.class::cast)
                .filter(a -> a.getUserId().equals(ModuleTestStore.QA.userId())).findFirst().orElseThrow());
        test.store.save(c, null);
        return c;
    }

    @Test
    void capasAreCountedByAgeAndStatusAndTheirOverdueTasksOpenThem() throws Exception {
        try (ModuleTestStore test = new ModuleTestStore(dir, CapaModelContribution.class)) {
            LocalDate today = LocalDate.of(2026, 12, 7);
            Capa late = capa(test, "CAPA-1", today.minusDays(100), today.minusDays(10));
            Capa old = capa(test, "CAPA-2", today.minusDays(200), today.plusDays(5));
            Capa fresh = capa(test, "CAPA-3", today.minusDays(3), today.plusDays(60));
            Instant now = today.atTime(12, 0).toInstant(ZoneOffset.UTC);
            Period period = Period.lastMonths(12, now, ZoneOffset.UTC);
            List<Chart> charts = new CapaDashboard().charts(test.store, period);

            Chart open = charts.get(0);
            assertEquals("capa.open", open.id());
            assertEquals(CapaDashboard.AGES, open.categories());
            assertEquals(List.of("Open", "Plan approved", "In progress", "Implemented", "Effectiveness check"), open
                    .series().stream().map(Chart.Series::name).toList());
            assertEquals(List.of(fresh.getId()), open.point("Open", "Under 30 days").orElseThrow().recordIds());
            assertEquals(List.of(late.getId()), open.point("Open", "90–179 days").orElseThrow().recordIds());
            assertEquals(List.of(old.getId()), open.point("Open", "180 days or more").orElseThrow().recordIds());
            assertEquals(3, open.total());

            Chart tasks = charts.get(1);
            assertEquals(List.of(late.getId()), tasks.point(CapaDashboard.OVERDUE, "CAPA due").orElseThrow()
                    .recordIds(), "plan and approve CAPA-1: due 10 days ago");
            assertEquals(List.of(old.getId()), tasks.point(CapaDashboard.DUE_SOON, "CAPA due").orElseThrow()
                    .recordIds());
            assertEquals(0, tasks.point(CapaDashboard.OVERDUE, "Effectiveness check").orElseThrow().value());
            assertEquals("No effectiveness check is overdue", tasks.note());

            Chart trend = charts.get(2);
            assertEquals(Chart.Kind.LINES, trend.kind());
            assertEquals(12, trend.categories().size());
            assertEquals(List.of(fresh.getId()), trend.point("Opened", Period.label(YearMonth.of(2026, 12)))
                    .orElseThrow().recordIds());
            assertEquals(1, trend.point("Opened", Period.label(YearMonth.from(today.minusDays(100)))).orElseThrow()
                    .value());
            assertEquals(0, trend.series().get(1).points().stream().mapToDouble(Chart.Point::value).sum(),
                    "none closed");
            assertEquals(3, test.store.count(Query.of(CapaPackage.Literals.CAPA)));
            assertTrue(Services.all(DashboardFigures.class).stream().anyMatch(CapaDashboard.class::isInstance),
                    "registered through DS");
        }
    }
}
