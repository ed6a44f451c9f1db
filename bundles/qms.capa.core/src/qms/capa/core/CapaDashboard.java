package qms.capa.core;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import qms.capa.core.CapaTasks.Kind;
import qms.capa.core.CapaTasks.Task;
import qms.capa.model.Capa;
import qms.capa.model.CapaPackage;
import qms.capa.model.CapaStatus;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.dashboard.Chart;
import qms.core.dashboard.Chart.Tone;
import qms.core.dashboard.DashboardFigures;
import qms.core.dashboard.Period;
import qms.model.Record;

/**
 * The CAPA module's dashboard: the CAPAs not closed by age and status, the overdue tasks (effectiveness checks among
 * them), and the CAPAs opened and closed month by month.
 */
@Component(service = DashboardFigures.class)
public final class CapaDashboard implements DashboardFigures {

    static final List<String> AGES = List.of("Under 30 days", "30–89 days", "90–179 days", "180 days or more");
    static final String OVERDUE = "Overdue";
    static final String DUE_SOON = "Due within 14 days";

    @Override
    public String section() {
        return "Findings and CAPA";
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public List<Chart> charts(RecordStore store, Period period) {
        List<Capa> capas = store.list(Query.of(CapaPackage.Literals.CAPA)).stream().map(Capa.class::cast).toList();
        CapaLifecycle lifecycle = new CapaLifecycle(store, Clock.fixed(period.now(), period.zone()));
        return List.of(open(capas, period.today()), tasks(new CapaTasks(store, lifecycle).all(), period.today()),
                trend(capas, period));
    }

    /** CAPAs not closed by how long they have been open, stacked by status. */
    static Chart open(List<Capa> capas, LocalDate today) {
        Chart.Builder b = Chart.builder("capa.open", "Open CAPAs by age and status", Chart.Kind.STACKED_BARS).axes(
                "Open for", "CAPAs").categories(AGES);
        for (CapaStatus s : CapaStatus.VALUES) {
            if (s != CapaStatus.CLOSED) {
                b.series(s.getLiteral(), Tone.NEUTRAL);
            }
        }
        int undated = 0;
        for (Capa c : capas) {
            if (c.getStatus() == CapaStatus.CLOSED) {
                continue;
            }
            if (c.getOpenedOn() == null) {
                undated++;
                continue;
            }
            long days = ChronoUnit.DAYS.between(CapaLifecycle.dayOf(c.getOpenedOn()), today);
            String age = AGES.get(days < 30 ? 0 : days < 90 ? 1 : days < 180 ? 2 : 3);
            b.count(c.getStatus().getLiteral(), age, c.getId());
        }
        return b.note(undated == 0 ? "" : undated + " CAPAs without an opening date are not counted").build();
    }

    /** The open tasks of the CAPAs, overdue or due within two weeks, by kind. */
    static Chart tasks(List<Task> tasks, LocalDate today) {
        Chart.Builder b = Chart.builder("capa.tasks", "CAPA tasks overdue and due soon", Chart.Kind.BARS).axes("Task",
                "CAPAs").series(OVERDUE, Tone.PROBLEM).series(DUE_SOON, Tone.WARNING).categories(List.of(Kind
                        .values()).stream().filter(k -> k != Kind.SIGN_OFF).map(Kind::label).toList());
        long checks = 0;
        for (Task t : tasks) {
            if (t.due() == null) {
                continue;
            }
            if (t.overdue(today)) {
                b.count(OVERDUE, t.kind().label(), t.capa().getId());
                checks += t.kind() == Kind.EFFECTIVENESS_CHECK ? 1 : 0;
            } else if (ChronoUnit.DAYS.between(today, t.due()) <= 14) {
                b.count(DUE_SOON, t.kind().label(), t.capa().getId());
            }
        }
        return b.note(checks == 0 ? "No effectiveness check is overdue" : checks + " effectiveness check"
                + (checks == 1 ? " is" : "s are") + " overdue").build();
    }

    /** CAPAs opened and closed in each month of the period. */
    static Chart trend(List<Capa> capas, Period period) {
        Chart.Builder b = Chart.builder("capa.trend", "CAPAs opened and closed", Chart.Kind.LINES).axes("Month",
                "CAPAs").series("Opened", Tone.WARNING).series("Closed", Tone.GOOD).categories(period.months().stream()
                        .map(Period::label).toList());
        for (Record r : capas) {
            Capa c = (Capa) r;
            month(c.getOpenedOn(), period).ifPresent(m -> b.count("Opened", m, c.getId()));
            month(c.getClosedOn(), period).ifPresent(m -> b.count("Closed", m, c.getId()));
        }
        return b.build();
    }

    private static java.util.Optional<String> month(java.util.Date day, Period period) {
        if (day == null) {
            return java.util.Optional.empty();
        }
        YearMonth m = YearMonth.from(CapaLifecycle.dayOf(day));
        return m.isBefore(period.first()) || m.isAfter(period.last()) ? java.util.Optional.empty()
                : java.util.Optional.of(Period.label(m));
    }
}
