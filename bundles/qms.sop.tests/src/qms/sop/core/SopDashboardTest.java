package qms.sop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.core.Services;
import qms.core.dashboard.Chart;
import qms.core.dashboard.DashboardFigures;
import qms.core.dashboard.Period;
import qms.sop.model.Incident;
import qms.sop.model.SopVersion;

/**
 * The incident-response module's dashboard on the real store: the training an approved version asks of Ivan, and an
 * open incident's GDPR deadline seen a day before it (due within 24 hours) and after it (missed).
 */
class SopDashboardTest {

    private static final Instant AWARE = Instant.parse("2026-11-20T08:00:00Z");

    @TempDir
    Path dir;

    private static Period at(Instant now) {
        return new Period(YearMonth.of(2026, 1), YearMonth.of(2026, 12), now, ZoneOffset.UTC);
    }

    @Test
    void trainingsAndIncidentDeadlinesAreCountedWithTheRecordsBehindThem() throws Exception {
        try (SopFixture f = new SopFixture(dir)) {
            SopVersion v1 = f.inForce();
            // GDPR Art. 33: 72 h after awareness, 2026-11-23 08:00
            Incident i = new Incidents(f.store).handleUnder(f.ransomware(AWARE), v1);

            List<Chart> before = new SopDashboard().charts(f.store, at(Instant.parse("2026-11-22T12:00:00Z")));
            Chart incidents = before.get(2);
            assertEquals("sop.incidents", incidents.id());
            assertEquals(List.of(i.getId()), incidents.point("Due within 24 hours", "High").orElseThrow().recordIds());
            assertEquals(1, incidents.total(), "one incident, counted once");
            assertTrue(incidents.note().startsWith("1 incidents not closed; the next deadline in 20 h"), incidents
                    .note());

            List<Chart> after = new SopDashboard().charts(f.store, at(SopFixture.TODAY.atTime(9, 0).toInstant(
                    ZoneOffset.UTC)));
            assertEquals(List.of(i.getId()), after.get(2).point("Deadline missed", "High").orElseThrow().recordIds());
            assertEquals(0, after.get(2).point("Due within 24 hours", "High").orElseThrow().value());

            Chart due = after.get(0);
            assertEquals("sop.due", due.id());
            double trainings = due.point("Overdue", "Trainings").orElseThrow().value() + due.point("Due",
                    "Trainings").orElseThrow().value();
            assertEquals(1, trainings, "Ivan holds the role the version is trained to");
            Chart byVersion = after.get(1);
            assertEquals(1, byVersion.categories().size(), byVersion.categories().toString());
            assertTrue(byVersion.categories().get(0).contains("SOP-IT-001"), byVersion.categories().toString());
            assertEquals(1, byVersion.total());
            assertTrue(byVersion.series().stream().flatMap(s -> s.points().stream()).filter(p -> p.value() > 0)
                    .allMatch(p -> p.recordIds().equals(List.of(v1.getId()))), "the point opens the version");
            assertTrue(Services.all(DashboardFigures.class).stream().anyMatch(SopDashboard.class::isInstance),
                    "registered through DS");
        }
    }
}
