package qms.sop.core;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import qms.core.Days;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.lifecycle.StepRefusedException;
import qms.model.Person;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.model.Role;
import qms.model.UserAccount;
import qms.sop.model.EscalationRule;
import qms.sop.model.Incident;
import qms.sop.model.IncidentTask;
import qms.sop.model.Notification;
import qms.sop.model.NotificationAgreement;
import qms.sop.model.ProcedureStep;
import qms.sop.model.SopPackage;
import qms.sop.model.SopVersion;
import qms.sop.model.TimelineEntry;
import qms.sop.model.VersionStatus;

/**
 * Handling an incident under an SOP version: its tasks come from the version's steps (each with its role, an owner who
 * holds the role, and a due time from the escalation matrix for the incident's severity); its timeline is added to,
 * never changed; its notifications are recorded against their clocks.
 */
public final class Incidents {

    private final RecordStore store;
    private final Clock clock;

    public Incidents(RecordStore store) {
        this(store, Clock.systemUTC());
    }

    public Incidents(RecordStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Every notification agreement (sponsors' and vendors'). */
    public List<NotificationAgreement> agreements() {
        return store.list(Query.of(SopPackage.Literals.NOTIFICATION_AGREEMENT)).stream().map(
                NotificationAgreement.class::cast).toList();
    }

    /** Why the incident cannot be handled under the version, or empty. */
    public Optional<String> whyNotHandleUnder(Incident incident, SopVersion version) {
        if (incident.getSopVersion() != null) {
            return Optional.of("it is handled under " + SopVersions.name(label(incident.getSopVersion())) + " already");
        }
        if (version.getStatus() != VersionStatus.EFFECTIVE) {
            return Optional.of(SopVersions.name(version) + " is " + version.getStatus().getLiteral() + ", not the"
                    + " Effective version");
        }
        return incident.isSetSeverity() ? Optional.empty() : Optional.of("its Severity is not set (the escalation"
                + " matrix needs it)");
    }

    /**
     * Handles the incident (saved or new) under the version: the version is recorded, a task made for each step, and
     * the timeline says so; saved in one save. Returns the incident as stored.
     */
    public Incident handleUnder(Incident incident, SopVersion version) {
        Optional<String> refusal = whyNotHandleUnder(incident, version);
        if (refusal.isPresent()) {
            throw new StepRefusedException("Cannot handle " + name(incident) + " under " + SopVersions.name(version)
                    + ": " + refusal.get() + ". Nothing was changed.");
        }
        incident.setSopVersion(version);
        Map<String, UserAccount> holders = holders();
        Instant aware = Days.instant(incident.getAwareAt());
        for (ProcedureStep step : version.getSteps()) {
            IncidentTask t = Records.newRecord(SopPackage.Literals.INCIDENT_TASK);
            t.setNumber(step.getNumber());
            t.setAction(step.getAction());
            t.setRole(step.getRole());
            t.setExpectedRecord(step.getExpectedRecord());
            t.setOwner(step.getRole() == null ? null : holders.get(Records.id(step.getRole())));
            Integer hours = hours(version, incident, step.getRole());
            t.setDue(aware == null || hours == null ? null : Date.from(aware.plusSeconds(hours * 3600L)));
            incident.getTasks().add(t);
        }
        incident.getTimeline().add(entry("Handled under " + SopVersions.name(version) + " '" + version.getTitle()
                + "' (" + incident.getSeverity().getLiteral() + "): " + version.getSteps().size() + " tasks"));
        store.save(incident, null);
        return (Incident) store.get(incident.getId());
    }

    /**
     * The hours the escalation matrix gives a task of {@code role} for the incident's severity: its row for the role,
     * else the longest for the severity (the whole escalation is done by then); null if the severity has no rows.
     */
    static Integer hours(SopVersion version, Incident incident, Role role) {
        Integer longest = null;
        for (EscalationRule r : version.getEscalation()) {
            if (!r.isSetSeverity() || r.getSeverity() != incident.getSeverity()) {
                continue;
            }
            if (role != null && r.getRole() != null && Records.id(r.getRole()).equals(Records.id(role))) {
                return r.getWithinHours();
            }
            longest = longest == null ? r.getWithinHours() : Math.max(longest, r.getWithinHours());
        }
        return longest;
    }

    /** For each role, the first active account (by user id) whose person holds it. */
    private Map<String, UserAccount> holders() {
        Map<String, List<String>> rolesOfPerson = new HashMap<>();
        for (Record r : store.list(Query.of(QmsPackage.Literals.PERSON))) {
            rolesOfPerson.put(r.getId(), ((Person) r).getRoles().stream().map(Records::id).toList());
        }
        Map<String, UserAccount> holders = new HashMap<>();
        store.list(Query.of(QmsPackage.Literals.USER_ACCOUNT).orderBy(QmsPackage.Literals.USER_ACCOUNT__USER_ID,
                false)).stream().map(UserAccount.class::cast).filter(a -> a.isActive() && a.getPerson() != null)
                .forEach(a -> rolesOfPerson.getOrDefault(Records.id(a.getPerson()), List.of()).forEach(role -> holders
                        .putIfAbsent(role, a)));
        return holders;
    }

    /** A timeline entry of now, saved with the incident; who recorded it is stamped by the store. */
    TimelineEntry entry(String text) {
        TimelineEntry e = Records.newRecord(SopPackage.Literals.TIMELINE_ENTRY);
        e.setOccurredAt(Date.from(clock.instant()));
        e.setText(text);
        return e;
    }

    /** Adds an entry to the incident's timeline (what happened when) and saves the incident. */
    public Incident addToTimeline(Incident incident, Instant occurredAt, String text) {
        TimelineEntry e = entry(text);
        e.setOccurredAt(Date.from(occurredAt));
        incident.getTimeline().add(e);
        store.save(incident, null);
        return (Incident) store.get(incident.getId());
    }

    /**
     * Records a notification made (to whom, when, their reference, evidence) and a timeline entry for it, in one save;
     * one made after its deadline needs the reason for the delay (refused otherwise, by {@link IncidentRules}).
     */
    public Incident recordNotification(Incident incident, Notification n) {
        incident.getNotifications().add(n);
        RegulatoryClocks.Deadline d = RegulatoryClocks.deadlineOf(incident, n, agreements());
        incident.getTimeline().add(entry("Notified " + n.getRecipient() + " (" + (d == null ? RegulatoryClocks.label(n
                .getClock()) : d.label()) + ")" + (n.getReference() == null ? "" : ", reference " + n.getReference())));
        try {
            store.save(incident, null);
        } catch (RuntimeException e) {
            incident.getNotifications().remove(n);
            incident.getTimeline().remove(incident.getTimeline().size() - 1);
            throw e;
        }
        return (Incident) store.get(incident.getId());
    }

    /** Open tasks of an incident: neither done nor not applicable. */
    public static List<IncidentTask> openTasks(Incident i) {
        List<IncidentTask> open = new ArrayList<>();
        for (IncidentTask t : i.getTasks()) {
            if (t.getStatus() == qms.sop.model.TaskStatus.OPEN) {
                open.add(t);
            }
        }
        return open;
    }

    private SopVersion label(SopVersion v) {
        return v.eIsProxy() ? (SopVersion) store.get(Records.id(v)) : v;
    }

    public static String name(Incident i) {
        return Days.blank(i.getReference()) ? "'" + i.getTitle() + "'" : i.getReference() + " '" + i.getTitle() + "'";
    }
}
