package qms.sop.core;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import qms.core.CorrectiveActions;
import qms.core.Days;
import qms.core.RecordStore;
import qms.core.lifecycle.ControlledLifecycle;
import qms.core.lifecycle.Lifecycle;
import qms.core.lifecycle.Transition;
import qms.core.lifecycle.Transition.Effect;
import qms.model.Record;
import qms.sop.model.Incident;
import qms.sop.model.IncidentReview;
import qms.sop.model.IncidentStatus;
import qms.sop.model.IncidentTask;
import qms.sop.model.SopPackage;

/**
 * An incident's lifecycle, declared on the core's controlled lifecycle: Open → Contained → Eradicated → Recovered →
 * Closed. Each step adds to its timeline. It closes with its signed post-incident review ("Approved", not by whoever
 * wrote the review), once its tasks are done or not applicable and every notification its clocks call for is made;
 * a review that finds a CAPA needed opens one when the CAPA module is installed (the core's corrective-actions seam),
 * linked to the incident and to the SOP version it was handled under.
 */
public final class IncidentLifecycle {

    public static final String APPROVED = "Approved";

    private final RecordStore store;
    private final Clock clock;
    private final Incidents incidents;
    private final ControlledLifecycle<Incident> steps;

    public final Transition<Incident> contain;
    public final Transition<Incident> eradicate;
    public final Transition<Incident> recover;
    public final Transition<Incident> approveReview;
    public final Transition<Incident> submitReview;

    public IncidentLifecycle(RecordStore store) {
        this(store, Clock.systemUTC());
    }

    public IncidentLifecycle(RecordStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.incidents = new Incidents(store, clock);
        contain = status("Mark Contained", "mark as contained", IncidentStatus.OPEN, IncidentStatus.CONTAINED);
        eradicate = status("Mark Eradicated", "mark as eradicated", IncidentStatus.CONTAINED,
                IncidentStatus.ERADICATED);
        recover = status("Mark Recovered", "mark as recovered", IncidentStatus.ERADICATED, IncidentStatus.RECOVERED);
        approveReview = Transition.<Incident>sign("Approve Review and Close", "close", APPROVED)
                .from(IncidentStatus.RECOVERED).to(IncidentStatus.CLOSED)
                .none("its post-incident review was not submitted")
                .guard(a -> stillOpen(a.subject())).effect(a -> closed(a.subject(), (IncidentReview) a.signOff(),
                        a.userId())).build();
        submitReview = Transition.<Incident>request("Submit Post-incident Review", "submit the review of",
                approveReview, SopPackage.Literals.INCIDENT_REVIEW).from(IncidentStatus.RECOVERED)
                .waiting("its review was submitted already and waits for approval").build();
        steps = new ControlledLifecycle<>(store, clock, Lifecycle.of(Incident.class, SopPackage.Literals
                .INCIDENT__STATUS, Incidents::name).end(IncidentStatus.CLOSED, "it is closed").transition(contain)
                .transition(eradicate).transition(recover).transition(submitReview).transition(approveReview).build());
    }

    private Transition<Incident> status(String name, String verb, IncidentStatus from, IncidentStatus to) {
        return Transition.<Incident>direct(name, verb).from(from).to(to).effect(a -> {
            a.subject().getTimeline().add(incidents.entry("Status: " + from.getLiteral() + " \u2192 " + to
                    .getLiteral()));
            return Effect.NONE;
        }).build();
    }

    public ControlledLifecycle<Incident> steps() {
        return steps;
    }

    public Incidents incidents() {
        return incidents;
    }

    /** What keeps the incident from closing: open tasks, notifications not made; empty if nothing. */
    public Optional<String> stillOpen(Incident i) {
        List<String> open = new ArrayList<>();
        List<IncidentTask> tasks = Incidents.openTasks(i);
        if (!tasks.isEmpty()) {
            open.add(tasks.size() + " task" + (tasks.size() == 1 ? " is" : "s are") + " still open (task "
                    + tasks.get(0).getNumber() + ": " + tasks.get(0).getAction() + ")");
        }
        for (RegulatoryClocks.Deadline d : RegulatoryClocks.deadlines(i, incidents.agreements())) {
            if (d.pending()) {
                open.add("the " + d.label() + " notification is not recorded");
            }
        }
        return open.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", open));
    }

    /**
     * Submits the post-incident review for approval: what the root cause was, the lessons learned, whether a CAPA is
     * needed, and the incident's timeline and notifications, as its approver signs them.
     */
    public IncidentReview submitReview(Incident i, String rootCause, String lessons, boolean capaNeeded) {
        StringBuilder s = new StringBuilder("Post-incident review of ").append(Incidents.name(i)).append('\n');
        s.append("Handled under: ").append(i.getSopVersion() == null ? "(no SOP)" : qms.core.Records.label(i
                .getSopVersion())).append('\n');
        s.append("Root cause: ").append(rootCause == null ? "" : rootCause.strip()).append('\n');
        s.append("Lessons learned: ").append(lessons == null ? "" : lessons.strip()).append('\n');
        s.append("CAPA needed: ").append(capaNeeded ? "yes" : "no").append('\n');
        for (RegulatoryClocks.Deadline d : RegulatoryClocks.deadlines(i, incidents.agreements())) {
            s.append("Deadline ").append(d.label()).append(": ").append(d.state(clock.instant()).label()).append('\n');
        }
        return steps.request(submitReview, i, "Post-incident review of " + Incidents.name(i), s.toString(),
                (IncidentReview r) -> {
                    r.setRootCause(Days.blank(rootCause) ? null : rootCause.strip());
                    r.setLessons(Days.blank(lessons) ? null : lessons.strip());
                    r.setCapaNeeded(capaNeeded);
                });
    }

    /** Signs the review ("Approved") and closes the incident; opens the CAPA the review asks for, if it can. */
    public Incident approveReview(Incident i, String userId, char[] password) {
        return steps.sign(approveReview, i, userId, password);
    }

    private Effect closed(Incident i, IncidentReview review, String approver) {
        i.setClosedAt(Date.from(clock.instant()));
        List<Record> more = new ArrayList<>();
        String capa = "";
        if (review.isCapaNeeded()) {
            Optional<CorrectiveActions> seam = CorrectiveActions.installed();
            if (seam.isPresent()) {
                List<Record> related = i.getSopVersion() == null ? List.of() : List.of(i.getSopVersion());
                more.addAll(seam.get().open(store, i, "Follow-up of " + Incidents.name(i), "Opened by the approved"
                        + " post-incident review.\nRoot cause: " + (review.getRootCause() == null ? "" : review
                                .getRootCause()) + "\nLessons learned: " + (review.getLessons() == null ? "" : review
                                        .getLessons()), related));
                capa = "; CAPA " + qms.core.Records.label(more.get(0)) + " opened";
            } else {
                capa = "; a CAPA is needed: the CAPA module is not installed, open one by hand";
            }
        }
        i.getTimeline().add(incidents.entry("Closed: post-incident review approved by " + approver + capa));
        return new Effect(more, more.isEmpty() ? null : "Opened by the approved review of " + Incidents.name(i));
    }

    /** The CAPA (any record) that addresses the incident, opened by its review, if the CAPA module made one. */
    public static Optional<Record> capaOf(RecordStore store, Incident i) {
        return store.links(i.getId(), qms.core.LinkDirection.INCOMING).stream().filter(l -> CorrectiveActions.ADDRESSES.equals(l
                .getType())).map(l -> (Record) l.getSource()).findFirst();
    }

    Instant now() {
        return clock.instant();
    }
}
