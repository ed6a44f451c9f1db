package qms.capa.core;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import qms.capa.model.ActionStatus;
import qms.capa.model.Capa;
import qms.capa.model.CapaAction;
import qms.capa.model.CapaPackage;
import qms.capa.model.CapaStatus;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.QmsPackage;
import qms.model.AccessRole;
import qms.model.Record;
import qms.model.SignOff;
import qms.model.UserAccount;

/**
 * What is still to be done on the CAPAs that are not closed: open actions, the CAPAs' own due dates, effectiveness
 * checks and sign-offs waiting for a signature; which of them are overdue, and which are someone's own.
 */
public final class CapaTasks {

    /** The kinds of task. */
    public enum Kind {
        ACTION("Action"), CAPA_DUE("CAPA due"), EFFECTIVENESS_CHECK("Effectiveness check"), SIGN_OFF("Sign-off");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One thing to do: {@code owner} is the user id who must do it, or null for a sign-off any approver may sign
     * (except the CAPA's owner, {@code capaOwner}, where separation of duties applies); {@code due} may be null.
     */
    public record Task(Kind kind, Capa capa, String what, String owner, LocalDate due, Record subject,
            String capaOwner) {

        /** Days past the due date on {@code today}; 0 if not overdue or without a due date. */
        public long daysOverdue(LocalDate today) {
            return due == null || !due.isBefore(today) ? 0 : ChronoUnit.DAYS.between(due, today);
        }

        public boolean overdue(LocalDate today) {
            return daysOverdue(today) > 0;
        }
    }

    private final RecordStore store;
    private final CapaLifecycle lifecycle;

    public CapaTasks(RecordStore store, CapaLifecycle lifecycle) {
        this.store = store;
        this.lifecycle = lifecycle;
    }

    /** Every open task of every CAPA not closed, the most overdue first, then by due date. */
    public List<Task> all() {
        List<Task> tasks = new ArrayList<>();
        // lists load references as proxies: user ids by account id
        Map<String, String> userIds = new HashMap<>();
        for (Record r : store.list(Query.of(QmsPackage.Literals.USER_ACCOUNT))) {
            userIds.put(r.getId(), ((UserAccount) r).getUserId());
        }
        for (Record r : store.list(Query.of(CapaPackage.Literals.CAPA))) {
            Capa c = (Capa) r;
            if (c.getStatus() == CapaStatus.CLOSED) {
                continue;
            }
            String owner = c.getOwner() == null ? null : userIds.get(Records.id(c.getOwner()));
            for (CapaAction a : c.getActions()) {
                if (a.getStatus() != ActionStatus.DONE && a.getStatus() != ActionStatus.CANCELLED
                        && c.getStatus() != CapaStatus.OPEN) {
                    tasks.add(new Task(Kind.ACTION, c, a.getKind() == null ? a.getDescription() : a.getKind()
                            .getLiteral() + " action: " + a.getDescription(), a.getOwner() == null ? null : userIds.get(
                            Records.id(a.getOwner())), day(a.getDue()),
                            a, owner));
                }
            }
            if (c.getStatus() == CapaStatus.OPEN || c.getStatus() == CapaStatus.PLAN_APPROVED
                    || c.getStatus() == CapaStatus.IN_PROGRESS) {
                tasks.add(new Task(Kind.CAPA_DUE, c, (c.getStatus() == CapaStatus.OPEN ? "Plan and approve"
                        : "Implement") + " the CAPA", owner, day(c.getDueDate()), c, owner));
            }
            if ((c.getStatus() == CapaStatus.IMPLEMENTED || c.getStatus() == CapaStatus.EFFECTIVENESS_CHECK)
                    && !CapaLifecycle.isEffective(c)) {
                tasks.add(new Task(Kind.EFFECTIVENESS_CHECK, c, "Check effectiveness", owner, day(c
                        .getEffectivenessDue()), c, owner));
            }
            for (SignOff s : lifecycle.steps().waiting(c)) {
                tasks.add(new Task(Kind.SIGN_OFF, c, "Sign (" + s.getMeaning() + "): " + s.getTitle(), null, null, s,
                        owner));
            }
        }
        LocalDate today = lifecycle.today();
        tasks.sort(Comparator.comparingLong((Task t) -> -t.daysOverdue(today)).thenComparing(Task::due,
                Comparator.nullsLast(Comparator.naturalOrder())));
        return tasks;
    }

    /** The tasks past their due date. */
    public List<Task> overdue() {
        LocalDate today = lifecycle.today();
        return all().stream().filter(t -> t.overdue(today)).toList();
    }

    /**
     * A user's tasks: those the user owns, and sign-offs the user may sign (a QA Manager for "Approved"; anyone
     * but an auditor for "Verified") on CAPAs the user does not own and did not request.
     */
    public List<Task> of(String userId) {
        return of(userId, all());
    }

    /** The user's tasks among {@code tasks} (as {@link #all()} lists them), without reading them again. */
    public List<Task> of(String userId, List<Task> tasks) {
        Set<AccessRole> roles = store.accounts().roles(userId);
        return tasks.stream().filter(t -> userId.equals(t.owner()) || t.kind() == Kind.SIGN_OFF && mayApprove(t,
                userId, roles)).toList();
    }

    private static boolean mayApprove(Task t, String userId, Set<AccessRole> roles) {
        SignOff s = (SignOff) t.subject();
        boolean owner = userId.equals(t.capaOwner());
        boolean role = CapaLifecycle.APPROVED.equals(s.getMeaning()) ? roles.contains(AccessRole.QA_MANAGER)
                : roles.stream().anyMatch(r -> r != AccessRole.AUDITOR);
        return role && !owner && !userId.equals(s.getRequestedBy());
    }

    private static LocalDate day(Date d) {
        return d == null ? null : CapaLifecycle.dayOf(d);
    }
}
