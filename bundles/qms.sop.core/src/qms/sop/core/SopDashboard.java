package qms.sop.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import qms.core.Query;
import qms.core.RecordStore;
import qms.core.dashboard.Chart;
import qms.core.dashboard.Chart.Tone;
import qms.core.dashboard.DashboardFigures;
import qms.core.dashboard.Period;
import qms.sop.core.SopTasks.Kind;
import qms.sop.core.SopTasks.Task;
import qms.sop.model.Incident;
import qms.sop.model.NotificationAgreement;
import qms.sop.model.Severity;
import qms.sop.model.SopPackage;

/**
 * The incident-response module's dashboard: periodic reviews and trainings overdue or due, the SOP versions with the
 * most trainings outstanding, and the open incidents by severity and their next regulatory deadline.
 */
@Component(service = DashboardFigures.class)
public final class SopDashboard implements DashboardFigures {

    static final String OVERDUE = "Overdue";
    static final String DUE = "Due";
    static final String REVIEWS = "Periodic reviews";
    static final String TRAININGS = "Trainings";
    static final String MISSED = "Deadline missed";
    static final String WITHIN_DAY = "Due within 24 hours";
    static final String LATER = "Due later";
    static final String NONE = "No deadline pending";
    private static final int MOST = 10;

    @Override
    public String section() {
        return "SOPs and incidents";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public List<Chart> charts(RecordStore store, Period period) {
        List<Task> tasks = new SopTasks(store, Clock.fixed(period.now(), period.zone())).all();
        List<NotificationAgreement> agreements = store.list(Query.of(SopPackage.Literals.NOTIFICATION_AGREEMENT))
                .stream().map(NotificationAgreement.class::cast).toList();
        return List.of(due(tasks, period.now()), trainings(tasks, period.now()), incidents(OpenIncidents.read(store,
                agreements).values(), agreements, period.now()));
    }

    /** Periodic reviews and trainings: overdue, and due (soon, or within the training period). */
    static Chart due(List<Task> tasks, Instant now) {
        Chart.Builder b = Chart.builder("sop.due", "SOP reviews and trainings", Chart.Kind.BARS).axes("", "Tasks")
                .series(OVERDUE, Tone.PROBLEM).series(DUE, Tone.WARNING).categories(List.of(REVIEWS, TRAININGS));
        for (Task t : tasks) {
            if (t.kind() == Kind.PERIODIC_REVIEW || t.kind() == Kind.TRAINING) {
                String category = t.kind() == Kind.PERIODIC_REVIEW ? REVIEWS : TRAININGS;
                // one task per version and person for trainings: count tasks, the records behind are the versions
                b.add(t.overdue(now) ? OVERDUE : DUE, category, 1, t.subjectId());
            }
        }
        return b.build();
    }

    /** The SOP versions with the most trainings outstanding, overdue and due stacked. */
    static Chart trainings(List<Task> tasks, Instant now) {
        Map<String, int[]> counts = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        for (Task t : tasks) {
            if (t.kind() == Kind.TRAINING) {
                names.put(t.subjectId(), t.subject());
                counts.computeIfAbsent(t.subjectId(), k -> new int[2])[t.overdue(now) ? 0 : 1]++;
            }
        }
        List<String> ids = new ArrayList<>(counts.keySet());
        ids.sort(Comparator.comparingInt((String id) -> -counts.get(id)[0]).thenComparingInt(id -> -counts.get(id)[1])
                .thenComparing(names::get));
        Chart.Builder b = Chart.builder("sop.trainings", "Trainings outstanding by SOP version",
                Chart.Kind.STACKED_BARS).axes("SOP version", "People").series(OVERDUE, Tone.PROBLEM).series(DUE,
                        Tone.WARNING);
        for (String id : ids.subList(0, Math.min(MOST, ids.size()))) {
            b.value(OVERDUE, names.get(id), counts.get(id)[0], List.of(id));
            b.value(DUE, names.get(id), counts.get(id)[1], List.of(id));
        }
        return b.note(ids.isEmpty() ? "Everybody is trained on the versions in force" : ids.size() > MOST ? "The "
                + MOST + " of " + ids.size() + " versions with the most outstanding" : "").build();
    }

    /** The incidents not closed, by severity, stacked by where their next regulatory deadline stands. */
    static Chart incidents(java.util.Collection<Incident> open, List<NotificationAgreement> agreements, Instant now) {
        Chart.Builder b = Chart.builder("sop.incidents", "Open incidents and their next regulatory deadline",
                Chart.Kind.STACKED_BARS).axes("Severity", "Incidents").series(MISSED, Tone.PROBLEM).series(WITHIN_DAY,
                        Tone.WARNING).series(LATER, Tone.NEUTRAL).series(NONE, Tone.GOOD).categories(Severity.VALUES
                                .stream().map(Severity::getLiteral).toList());
        Instant soonest = null;
        for (Incident i : open) {
            RegulatoryClocks.Deadline next = RegulatoryClocks.next(i, agreements);
            String state;
            if (next == null) {
                state = NONE;
            } else if (now.isAfter(next.due())) {
                state = MISSED;
            } else {
                state = Duration.between(now, next.due()).compareTo(Duration.ofHours(24)) <= 0 ? WITHIN_DAY : LATER;
                soonest = soonest == null || next.due().isBefore(soonest) ? next.due() : soonest;
            }
            b.count(state, i.getSeverity() == null ? "Not graded" : i.getSeverity().getLiteral(), i.getId());
        }
        return b.note(open.size() + " incidents not closed" + (soonest == null ? "" : "; the next deadline in "
                + RegulatoryClocks.duration(Duration.between(now, soonest)))).build();
    }
}
