package qms.sop.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.common.util.Enumerator;
import org.eclipse.emf.ecore.EStructuralFeature;

import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.QmsPackage;
import qms.sop.model.Incident;
import qms.sop.model.IncidentStatus;
import qms.sop.model.IncidentTask;
import qms.sop.model.Notification;
import qms.sop.model.NotificationAgreement;
import qms.sop.model.RegulatoryClock;
import qms.sop.model.SopFactory;
import qms.sop.model.SopPackage;
import qms.sop.model.TaskStatus;

/**
 * The incidents not closed, read for their deadlines and open tasks with three scans of the store (the incidents, their
 * notifications, their open tasks) instead of building every incident whole: 10,000 incidents are benchmark P7. The
 * incidents hold what the clocks and tasks need (flags, moments, clocks added or waived, notifications, open tasks);
 * the regulatory rules are {@link RegulatoryClocks}'s, as for an incident read whole. They are read copies, made
 * without new ids (no random UUID for each of them).
 */
public final class OpenIncidents {

    /** The columns of an incident the clocks and tasks are read from, the id first (benchmark P7 reads the same). */
    public static final List<EStructuralFeature> INCIDENT = List.of(QmsPackage.Literals.RECORD__ID,
            SopPackage.Literals.INCIDENT__REFERENCE, SopPackage.Literals.INCIDENT__TITLE,
            SopPackage.Literals.INCIDENT__STATUS, SopPackage.Literals.INCIDENT__SEVERITY,
            SopPackage.Literals.INCIDENT__DETECTED_AT, SopPackage.Literals.INCIDENT__AWARE_AT,
            SopPackage.Literals.INCIDENT__PERSONAL_DATA, SopPackage.Literals.INCIDENT__TRIAL_SUBJECTS,
            SopPackage.Literals.INCIDENT__DATA_INTEGRITY, SopPackage.Literals.INCIDENT__HEALTH_INFORMATION,
            SopPackage.Literals.INCIDENT__NIS2_SIGNIFICANT, SopPackage.Literals.INCIDENT__EXTRA_CLOCKS,
            SopPackage.Literals.INCIDENT__WAIVED_CLOCKS, SopPackage.Literals.INCIDENT__SPONSOR,
            SopPackage.Literals.INCIDENT__MANAGER);

    /** Earliest awareness first, incidents without one last (then by id: the same order each time). */
    public static final Comparator<Incident> BY_AWARENESS = Comparator.comparingLong((Incident i) -> i.getAwareAt() == null
            ? Long.MAX_VALUE : i.getAwareAt().getTime()).thenComparing(Incident::getId);

    private OpenIncidents() {
    }

    /**
     * The open incidents by id, each with its notifications and its open tasks (task owners as account proxies), in
     * no particular order: the views order them by their next deadline, a report by {@link #BY_AWARENESS} (sorting
     * them here cost P7 a tenth of its time for callers that sort again). Vendors a contract clock needs are read only when a vendor's agreement exists.
     */
    public static Map<String, Incident> read(RecordStore store, List<NotificationAgreement> agreements) {
        // in the order they are read, which is the order they lie in memory: walking them then is cheap
        Map<String, Incident> open = new LinkedHashMap<>(1 << 14);
        store.scan(Query.of(SopPackage.Literals.INCIDENT).where(SopPackage.Literals.INCIDENT__STATUS, Query.Op
                .NOT_EQUALS, IncidentStatus.CLOSED), INCIDENT, row -> {
                    Incident i = SopFactory.eINSTANCE.createIncident(); // its id is read
                    for (int c = 0; c < row.length; c++) {
                        set(i, INCIDENT.get(c), row[c]);
                    }
                    open.put(i.getId(), i);
                });
        Owners owners = new Owners(open);
        store.scan(Query.of(SopPackage.Literals.NOTIFICATION), List.of(SopPackage.Literals.INCIDENT__NOTIFICATIONS,
                SopPackage.Literals.NOTIFICATION__CLOCK, SopPackage.Literals.NOTIFICATION__AGREEMENT,
                SopPackage.Literals.NOTIFICATION__SENT_AT, SopPackage.Literals.NOTIFICATION__RECIPIENT), row -> {
                    Incident i = owners.of((String) row[0]);
                    if (i != null && row[1] != null) {
                        Notification n = SopFactory.eINSTANCE.createNotification();
                        n.setClock((RegulatoryClock) row[1]);
                        if (row[2] != null) {
                            n.setAgreement((NotificationAgreement) Records.proxy(SopPackage.Literals
                                    .NOTIFICATION_AGREEMENT, (String) row[2]));
                        }
                        n.setSentAt((Date) row[3]);
                        n.setRecipient((String) row[4]);
                        i.getNotifications().add(n);
                    }
                });
        store.scan(Query.of(SopPackage.Literals.INCIDENT_TASK).where(SopPackage.Literals.INCIDENT_TASK__STATUS,
                TaskStatus.OPEN), List.of(SopPackage.Literals.INCIDENT__TASKS, SopPackage.Literals.INCIDENT_TASK__NUMBER,
                        SopPackage.Literals.INCIDENT_TASK__ACTION, SopPackage.Literals.INCIDENT_TASK__DUE,
                        SopPackage.Literals.INCIDENT_TASK__OWNER, QmsPackage.Literals.RECORD__ID), row -> {
                            Incident i = owners.of((String) row[0]);
                            if (i != null) {
                                IncidentTask t = SopFactory.eINSTANCE.createIncidentTask();
                                t.setId((String) row[5]);
                                t.setNumber(row[1] == null ? 0 : (Integer) row[1]);
                                t.setAction((String) row[2]);
                                t.setDue((Date) row[3]);
                                if (row[4] != null) {
                                    t.setOwner((qms.model.UserAccount) Records.proxy(QmsPackage.Literals
                                            .USER_ACCOUNT, (String) row[4]));
                                }
                                i.getTasks().add(t);
                            }
                        });
        if (agreements.stream().anyMatch(a -> a.getVendor() != null)) {
            for (Incident i : open.values()) { // a contract clock needs the vendors an incident affects
                Incident whole = (Incident) store.get(i.getId());
                whole.getAffectedVendors().forEach(v -> i.getAffectedVendors().add((qms.model.Vendor) Records.proxy(
                        QmsPackage.Literals.VENDOR, v.getId())));
            }
        }
        return open;
    }

    /**
     * The open incident a notification or task row belongs to. Rows of one incident mostly come one after another
     * (they were saved together), so the last one found is asked first: a look-up in the map, whose entries the
     * database's scan has pushed out of the processor's caches, was most of the time of reading 20,000 tasks (P7).
     */
    private static final class Owners {
        private final Map<String, Incident> open;
        private String lastId;
        private Incident last;

        Owners(Map<String, Incident> open) {
            this.open = open;
        }

        Incident of(String id) {
            if (id == null) {
                return null;
            }
            if (!id.equals(lastId)) {
                lastId = id;
                last = open.get(id);
            }
            return last;
        }
    }

    private static void set(Incident i, EStructuralFeature f, Object value) {
        if (value == null || value instanceof List<?> l && l.isEmpty()) {
            return; // an empty list stays unmade
        }
        if (f == SopPackage.Literals.INCIDENT__SPONSOR) {
            i.setSponsor((qms.model.Organisation) Records.proxy(QmsPackage.Literals.ORGANISATION, (String) value));
        } else if (f == SopPackage.Literals.INCIDENT__MANAGER) {
            i.setManager((qms.model.UserAccount) Records.proxy(QmsPackage.Literals.USER_ACCOUNT, (String) value));
        } else if (f.isMany()) {
            @SuppressWarnings("unchecked")
            List<Enumerator> list = (List<Enumerator>) i.eGet(f);
            list.addAll(new ArrayList<>((List<Enumerator>) value));
        } else {
            i.eSet(f, value);
        }
    }
}
