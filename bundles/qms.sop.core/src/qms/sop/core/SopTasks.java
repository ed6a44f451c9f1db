package qms.sop.core;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EStructuralFeature;

import qms.core.Days;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.AccessRole;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.model.SignOff;
import qms.model.SignatureMeaning;
import qms.sop.model.Incident;
import qms.sop.model.IncidentTask;
import qms.sop.model.NotificationAgreement;
import qms.sop.model.Sop;
import qms.sop.model.SopPackage;
import qms.sop.model.SopSettings;
import qms.sop.model.SopVersion;
import qms.sop.model.VersionStatus;

/**
 * What is to be done under the incident-response module, everyone's or one person's, the most overdue first: versions
 * waiting for a review or approval signature, approved versions coming into force, periodic reviews due soon or
 * overdue, read-and-understood trainings due or overdue, incidents' open tasks and their regulatory deadlines. Read
 * with a few scans of the store, not per record (benchmark P7).
 */
public final class SopTasks {

    public enum Kind {
        SIGNATURE("Signature"), EFFECTIVE("Becomes effective"), PERIODIC_REVIEW("Periodic review"),
        TRAINING("Training"), INCIDENT_TASK("Incident task"), DEADLINE("Notification");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One task: what it is about (a version, an SOP, an incident), what to do, who is to do it (a user id, or null for
     * whoever may sign with {@code meaning}, except the users in {@code notBy}), when it is due (null: no date), and
     * whether it shows as due soon.
     */
    public record Task(Kind kind, String subjectId, String subject, String what, String owner, Instant due,
            boolean soon, String meaning, Set<String> notBy) {

        public boolean overdue(Instant now) {
            return due != null && now.isAfter(due);
        }
    }

    private static final List<EClass> VERSION_SIGN_OFFS = List.of(SopPackage.Literals.VERSION_REVIEW,
            SopPackage.Literals.VERSION_APPROVAL, SopPackage.Literals.VERSION_RETIREMENT,
            SopPackage.Literals.PERIODIC_REVIEW);
    private static final List<EStructuralFeature> SIGN_OFF = List.of(QmsPackage.Literals.RECORD__ID,
            QmsPackage.Literals.SIGN_OFF__SUBJECT, QmsPackage.Literals.SIGN_OFF__STEP,
            QmsPackage.Literals.SIGN_OFF__MEANING, QmsPackage.Literals.SIGN_OFF__REQUESTED_BY,
            QmsPackage.Literals.SIGN_OFF__REQUESTED_AT, QmsPackage.Literals.SIGN_OFF__TITLE);
    private static final List<EStructuralFeature> VERSION = List.of(QmsPackage.Literals.RECORD__ID,
            SopPackage.Literals.SOP_VERSION__SOP, SopPackage.Literals.SOP_VERSION__NUMBER,
            SopPackage.Literals.SOP_VERSION__VERSION_NUMBER, SopPackage.Literals.SOP_VERSION__STATUS,
            SopPackage.Literals.SOP_VERSION__AUTHOR, SopPackage.Literals.SOP_VERSION__EFFECTIVE_DATE);

    private final RecordStore store;
    private final Clock clock;
    private final SopLifecycle lifecycle;

    public SopTasks(RecordStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.lifecycle = new SopLifecycle(store, clock);
    }

    public Instant now() {
        return clock.instant();
    }

    /** Every task, the most overdue first, then by due time (undated last). */
    public List<Task> all() {
        Map<String, String> userIds = new HashMap<>();
        store.scan(Query.of(QmsPackage.Literals.USER_ACCOUNT), List.of(QmsPackage.Literals.RECORD__ID,
                QmsPackage.Literals.USER_ACCOUNT__USER_ID), row -> userIds.put((String) row[0], (String) row[1]));
        List<Task> tasks = new ArrayList<>();
        versions(userIds, tasks);
        for (Training.Cell c : new Training(store).matrix(today()).all()) {
            if (c.state() != Training.State.CURRENT) {
                tasks.add(new Task(Kind.TRAINING, c.versionId(), c.versionName(), "Acknowledge " + c.versionName()
                        + " '" + c.sop().getTitle() + "' (" + c.personName() + ")", c.userId(), endOf(c.dueBy()),
                        false, null, Set.of()));
            }
        }
        incidents(userIds, tasks);
        Instant now = now();
        tasks.sort(Comparator.comparing((Task t) -> !t.overdue(now)).thenComparing(Task::due, Comparator.nullsLast(
                Comparator.naturalOrder())));
        return tasks;
    }

    /** The tasks {@code userId} is to do: their own, and signatures they may give. */
    public List<Task> of(String userId, List<Task> all) {
        Set<AccessRole> roles = store.accounts().roles(userId);
        Map<String, List<AccessRole>> required = new HashMap<>();
        for (SignatureMeaning m : store.signatures().meanings()) {
            required.put(m.getName().toLowerCase(java.util.Locale.ROOT), m.getRequiredRoles());
        }
        return all.stream().filter(t -> userId.equals(t.owner()) || t.owner() == null && t.meaning() != null && !t
                .notBy().contains(userId) && maySign(roles, required.get(t.meaning().toLowerCase(java.util.Locale
                        .ROOT)))).toList();
    }

    private static boolean maySign(Set<AccessRole> roles, List<AccessRole> required) {
        return required == null || required.isEmpty() ? roles.stream().anyMatch(r -> r != AccessRole.AUDITOR)
                : required.stream().anyMatch(roles::contains);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    private static Instant endOf(LocalDate day) {
        return day == null ? null : day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1);
    }

    /** Signatures waiting, versions coming into force, periodic reviews due. */
    private void versions(Map<String, String> userIds, List<Task> tasks) {
        Map<String, SopVersion> versions = new LinkedHashMap<>();
        store.scan(Query.of(SopPackage.Literals.SOP_VERSION), VERSION, row -> {
            SopVersion v = Records.newRecord(SopPackage.Literals.SOP_VERSION);
            v.setId((String) row[0]);
            v.setSop((Sop) Records.proxy(SopPackage.Literals.SOP, (String) row[1]));
            v.setNumber((String) row[2]);
            v.setVersionNumber(row[3] == null ? 0 : (Integer) row[3]);
            v.setStatus((VersionStatus) row[4]);
            if (row[5] != null) { // the author's account, with its user id: the steps exclude the author
                qms.model.UserAccount a = qms.model.QmsFactory.eINSTANCE.createUserAccount();
                a.setId((String) row[5]);
                a.setUserId(userIds.get((String) row[5]));
                v.setAuthor(a);
            }
            v.setEffectiveDate((java.util.Date) row[6]);
            versions.put(v.getId(), v);
        });
        Map<String, List<SignOff>> signOffs = new HashMap<>();
        for (EClass c : VERSION_SIGN_OFFS) {
            store.scan(Query.of(c), SIGN_OFF, row -> {
                SignOff s = Records.newRecord(c);
                s.setId((String) row[0]);
                s.setStep((String) row[2]);
                s.setMeaning((String) row[3]);
                s.setRequestedBy((String) row[4]);
                s.setRequestedAt((java.util.Date) row[5]);
                s.setTitle((String) row[6]);
                signOffs.computeIfAbsent((String) row[1], k -> new ArrayList<>()).add(s);
            });
        }
        Set<String> signed = signed(List.of(SopLifecycle.REVIEWED, SopLifecycle.APPROVED));
        for (SopVersion v : versions.values()) {
            List<SignOff> all = new ArrayList<>(signOffs.getOrDefault(v.getId(), List.of()));
            all.sort(Comparator.comparing(SignOff::getRequestedAt));
            for (SignOff s : lifecycle.steps().waiting(v, all, o -> signed.contains(o.getId()))) {
                Set<String> notBy = new HashSet<>(List.of(s.getRequestedBy()));
                if (v.getAuthor() != null && v.getAuthor().getUserId() != null && !(s instanceof qms.sop.model
                        .PeriodicReview)) {
                    notBy.add(v.getAuthor().getUserId());
                }
                boolean own = s instanceof qms.sop.model.PeriodicReview; // the reviewer signs their own review
                tasks.add(new Task(Kind.SIGNATURE, v.getId(), Records.label(v), "Sign (" + s.getMeaning() + "): " + s
                        .getTitle(), own ? s.getRequestedBy() : null, null, false, own ? null : s.getMeaning(), own
                                ? Set.of() : Set.copyOf(notBy)));
            }
            if (v.getStatus() == VersionStatus.APPROVED && v.getEffectiveDate() != null) {
                tasks.add(new Task(Kind.EFFECTIVE, v.getId(), Records.label(v), "Comes into force; train "
                        + "the people of its training roles", v.getAuthor() == null ? null : v.getAuthor().getUserId(),
                        v.getEffectiveDate().toInstant(), false, null, Set.of()));
            }
        }
        periodicReviews(versions, userIds, tasks);
    }

    /** Periodic reviews: due the cadence after the version came into force or the last review, whichever is later. */
    private void periodicReviews(Map<String, SopVersion> versions, Map<String, String> userIds, List<Task> tasks) {
        int soonDays = settings().getReviewDueSoonDays();
        Instant soon = now().plus(java.time.Duration.ofDays(soonDays));
        for (Record r : store.list(Query.of(SopPackage.Literals.SOP))) {
            Sop sop = (Sop) r;
            SopVersion effective = versions.values().stream().filter(v -> v.getStatus() == VersionStatus.EFFECTIVE
                    && sop.getId().equals(Records.id(v.getSop()))).findFirst().orElse(null);
            if (effective == null) {
                continue;
            }
            LocalDate due = PeriodicReviews.due(sop, effective);
            Instant at = endOf(due);
            if (at != null && at.isBefore(soon)) {
                tasks.add(new Task(Kind.PERIODIC_REVIEW, effective.getId(), Records.label(effective),
                        "Periodic review of " + Records.label(sop) + " (every " + sop.getReviewCadenceMonths()
                                + " months)", sop.getOwner() == null ? null : userIds.get(Records.id(sop.getOwner())),
                        at, !at.isBefore(now()), null, Set.of()));
            }
        }
    }

    /** Open incidents: their open tasks and the notifications their clocks call for. */
    private void incidents(Map<String, String> userIds, List<Task> tasks) {
        List<NotificationAgreement> agreements = store.list(Query.of(SopPackage.Literals.NOTIFICATION_AGREEMENT))
                .stream().map(NotificationAgreement.class::cast).toList();
        for (Incident i : OpenIncidents.read(store, agreements).values()) {
            String manager = i.getManager() == null ? null : userIds.get(Records.id(i.getManager()));
            for (IncidentTask t : i.getTasks()) {
                tasks.add(new Task(Kind.INCIDENT_TASK, i.getId(), Incidents.name(i), t.getNumber() + ". " + t
                        .getAction(), t.getOwner() == null ? manager : userIds.get(Records.id(t.getOwner())), Days
                                .instant(t.getDue()), false, null, Set.of()));
            }
            for (RegulatoryClocks.Deadline d : RegulatoryClocks.deadlines(i, agreements)) {
                if (d.pending()) {
                    tasks.add(new Task(Kind.DEADLINE, i.getId(), Incidents.name(i), "Notify " + d.recipient() + " ("
                            + d.label() + ", " + d.basis() + ")", manager, d.due(), false, null, Set.of()));
                }
            }
        }
    }

    /** Ids of the records signed with one of the meanings (one scan per meaning). */
    private Set<String> signed(List<String> meanings) {
        Set<String> ids = new HashSet<>();
        for (String m : meanings) {
            store.scan(Query.of(QmsPackage.Literals.SIGNATURE).where(QmsPackage.Literals.SIGNATURE__MEANING, m),
                    List.of(QmsPackage.Literals.SIGNATURE__RECORD), row -> ids.add((String) row[0]));
        }
        return ids;
    }

    /** The SOP Settings (the first record; the defaults if there is none). */
    public SopSettings settings() {
        List<Record> all = store.list(Query.of(SopPackage.Literals.SOP_SETTINGS).page(0, 1));
        return all.isEmpty() ? Records.newRecord(SopPackage.Literals.SOP_SETTINGS) : (SopSettings) all.get(0);
    }
}
