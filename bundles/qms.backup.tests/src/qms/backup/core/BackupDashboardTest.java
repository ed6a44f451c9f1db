package qms.backup.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.backup.core.BackupCompliance.SystemStatus;
import qms.core.DemoData;
import qms.core.Services;
import qms.core.dashboard.Chart;
import qms.core.dashboard.Dashboard;
import qms.core.dashboard.DashboardFigures;
import qms.core.dashboard.Period;

/**
 * The backup module's dashboard over the demo organisation: each month's bar agrees with the compliance view's own
 * assessment of that month, the worst systems are those the months say, and the restoration tests cover every system
 * with a policy.
 */
class BackupDashboardTest {

    @TempDir
    Path dir;

    @Test
    void theMonthsAgreeWithTheComplianceAssessmentAndEveryBarNamesItsSystems() throws Exception {
        try (BackupTestStore s = new BackupTestStore(dir)) {
            DemoData.load(s.store);
            Instant now = Instant.now();
            Period period = Period.lastMonths(12, now, ZoneOffset.UTC);
            List<Chart> charts = new BackupDashboard().charts(s.store, period);
            Chart months = charts.get(0);
            assertEquals("backup.compliance", months.id());
            assertEquals(12, months.categories().size());
            assertEquals(Period.label(period.last()), months.categories().get(11));

            BackupCompliance compliance = new BackupCompliance(s.store, ComplianceRules.DEFAULT_DUE_SOON_DAYS,
                    ZoneOffset.UTC);
            Map<String, SystemStatus> current = compliance.assess(period.last().atDay(1), period.today(), now)
                    .stream().collect(Collectors.toMap(st -> st.system().getId(), Function.identity()));
            for (ComplianceStatus status : ComplianceStatus.values()) {
                List<String> expected = current.values().stream().filter(st -> st.assessment().status() == status)
                        .map(st -> st.system().getId()).sorted().toList();
                Chart.Point p = months.point(status.label(), months.categories().get(11)).orElseThrow();
                assertEquals(expected.size(), p.value(), status.label());
                assertEquals(expected, p.recordIds().stream().sorted().toList(), status.label());
            }
            for (String month : months.categories()) {
                assertEquals(current.size(), months.series().stream().mapToDouble(ser -> months.point(ser.name(), month)
                        .orElseThrow().value()).sum(), "every system is judged in " + month);
            }
            assertTrue(months.total() > 0);

            Chart worst = charts.get(1);
            long notCompliantNow = current.values().stream().filter(st -> st.assessment()
                    .status() != ComplianceStatus.COMPLIANT).count();
            assertTrue(worst.categories().size() >= notCompliantNow, worst.categories().toString());
            assertTrue(worst.categories().contains("EDC Database"), "the demo's EDC Database misses backups");

            Chart restore = charts.get(2);
            long withPolicy = current.values().stream().filter(st -> !st.assessment().has(ComplianceRules.Rule.NO_POLICY))
                    .count();
            assertEquals(withPolicy, restore.total(), "every system with a policy has its next test counted once");
            assertEquals(List.of("Overdue", "Due within 14 days", "Due within 60 days", "Later"), restore.categories());

            List<Dashboard.Section> sections = Dashboard.compute(s.store, period);
            assertTrue(sections.stream().anyMatch(x -> x.title().equals("Backup and restore") && x.error() == null
                    && x.charts().size() == 3), sections.toString());
            assertTrue(Services.all(DashboardFigures.class).stream().anyMatch(BackupDashboard.class::isInstance),
                    "registered through DS");
        }
    }
}
