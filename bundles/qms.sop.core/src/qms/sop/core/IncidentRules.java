package qms.sop.core;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;

import qms.core.ChangeRule;
import qms.core.Days;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.Record;
import qms.sop.model.Incident;
import qms.sop.model.Notification;
import qms.sop.model.NotificationAgreement;
import qms.sop.model.SopPackage;

/**
 * How incidents may be saved, whoever saves them: a notification recorded after its deadline states the reason for
 * the delay (GDPR Art. 33(1)); the SOP version an incident is handled under stays, even once that SOP is superseded.
 * (That a notification and a timeline entry never change once recorded is their classes' immutable hint.)
 */
final class IncidentRules implements ChangeRule {

    @Override
    public EClass type() {
        return SopPackage.Literals.INCIDENT;
    }

    @Override
    public String whyLocked(Record record, EObject object, EStructuralFeature feature) {
        if (feature != SopPackage.Literals.INCIDENT__SOP_VERSION || !(object instanceof Incident i)) {
            return null;
        }
        return i.getSopVersion() != null ? "The SOP version an incident is handled under stays"
                : "Set by Handle under SOP\u2026 on the incident's form, which also makes the incident's tasks from"
                        + " the version's steps";
    }

    @Override
    public String whyNot(RecordStore store, Record stored, Record changed, Collection<? extends Record> batch) {
        Incident before = (Incident) stored;
        Incident after = (Incident) changed;
        if (before.getSopVersion() != null && !Records.id(before.getSopVersion()).equals(Records.id(after
                .getSopVersion()))) {
            return "Cannot change SOP version of " + Incidents.name(before) + ": it is handled under "
                    + SopVersionRules.label(store, before.getSopVersion()) + ", and that stays";
        }
        Set<String> known = before.getNotifications().stream().map(Notification::getId).collect(Collectors.toSet());
        return lateWithoutReason(store, after, after.getNotifications().stream().filter(n -> !known.contains(n
                .getId())).toList());
    }

    @Override
    public String whyNotNew(RecordStore store, Record created, Collection<? extends Record> batch) {
        Incident i = (Incident) created;
        return lateWithoutReason(store, i, i.getNotifications());
    }

    private static String lateWithoutReason(RecordStore store, Incident i, List<Notification> added) {
        if (added.isEmpty()) {
            return null;
        }
        List<NotificationAgreement> agreements = store.list(Query.of(SopPackage.Literals.NOTIFICATION_AGREEMENT))
                .stream().map(NotificationAgreement.class::cast).toList();
        for (Notification n : added) {
            RegulatoryClocks.Deadline d = n.isSetClock() && n.getSentAt() != null ? RegulatoryClocks.deadlineOf(i, n,
                    agreements) : null;
            if (d != null && d.due() != null && n.getSentAt().toInstant().isAfter(d.due()) && Days.blank(n
                    .getDelayReason())) {
                return "Cannot record the notification to " + n.getRecipient() + " (" + d.label() + ") of "
                        + Incidents.name(i) + ": it was made " + RegulatoryClocks.duration(java.time.Duration.between(
                                d.due(), n.getSentAt().toInstant())) + " after its deadline, " + Days.moment(d.due(),
                                        java.time.ZoneOffset.UTC) + " (" + d.basis() + "), so Delay reason is required";
            }
        }
        return null;
    }
}
