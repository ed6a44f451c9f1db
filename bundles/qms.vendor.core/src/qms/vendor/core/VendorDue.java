package qms.vendor.core;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import qms.core.Days;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.ComputerizedSystem;
import qms.model.GxpCriticality;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.vendor.model.Certification;
import qms.vendor.model.QualificationStatus;
import qms.vendor.model.ServiceAgreement;
import qms.vendor.model.VendorPackage;
import qms.vendor.model.VendorProfile;
import qms.vendor.model.VendorSettings;

/**
 * What is due about vendors on a day: requalifications (a cadence after the last signed qualification, by
 * criticality), certificates (their expiry) and agreements (renewal from their notice period before the end of
 * validity, then expired). Each is overdue (or expired), due soon (within the settings' days) or later; a GxP vendor
 * never qualified is due at once. Reads only.
 */
public final class VendorDue {

    public enum Kind {
        REQUALIFICATION("Requalification"), QUALIFICATION("Qualification"), CERTIFICATE("Certificate"),
        AGREEMENT("Agreement renewal");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public enum State {
        OVERDUE("Overdue"), DUE_SOON("Due soon"), LATER("Later");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One thing due.
     *
     * @param record the profile (qualification, certificate) or agreement it is about
     * @param vendor the vendor's name
     * @param what   in words: "Qualified with conditions on 2025-01-10, High (derived from EDC Database (High))"
     * @param due    the day it is due or expires; null for a vendor never qualified
     */
    public record Item(Kind kind, Record record, String vendor, String what, LocalDate due, State state) {

        /** "overdue by 12 days", "due in 30 days", "due today", "due now". */
        public String when(LocalDate today) {
            if (due == null) {
                return "due now";
            }
            long days = ChronoUnit.DAYS.between(today, due);
            String expires = kind == Kind.CERTIFICATE ? "expire" : "due";
            return days == 0 ? expires + (kind == Kind.CERTIFICATE ? "s" : "") + " today" : days < 0
                    ? (kind == Kind.CERTIFICATE ? "expired " : "overdue by ") + -days + (days == -1 ? " day" : " days")
                            + (kind == Kind.CERTIFICATE ? " ago" : "")
                    : expires + (kind == Kind.CERTIFICATE ? "s" : "") + " in " + days + (days == 1 ? " day" : " days");
        }
    }

    private final RecordStore store;

    public VendorDue(RecordStore store) {
        this.store = store;
    }

    /** Everything due on the day, overdue first, then by due day. */
    public List<Item> items(LocalDate today) {
        VendorSettings settings = Vendors.settings(store);
        LocalDate soon = today.plusDays(settings.getDueSoonDays());
        Map<String, List<ComputerizedSystem>> hosted = hostedSystems();
        List<Item> items = new ArrayList<>();
        for (Record r : store.list(Query.of(VendorPackage.Literals.VENDOR_PROFILE))) {
            VendorProfile p = (VendorProfile) r;
            String vendor = Vendors.name(p);
            Criticality c = Criticality.of(p, hosted.getOrDefault(Records.id(p.getVendor()), List.of()));
            requalification(p, c, settings, vendor).ifPresent(i -> items.add(state(i, today, soon)));
            for (Certification cert : p.getCertifications()) {
                LocalDate until = Days.dayOf(cert.getValidUntil());
                if (until != null) {
                    items.add(state(new Item(Kind.CERTIFICATE, p, vendor, (cert.isSetType() ? cert.getType()
                            .getLiteral() : "Certificate") + (cert.getCertificateNumber() == null ? "" : " "
                                    + cert.getCertificateNumber()) + " valid until " + until, until, null), today,
                            soon));
                }
            }
        }
        for (Record r : store.list(Query.of(VendorPackage.Literals.SERVICE_AGREEMENT))) {
            ServiceAgreement a = (ServiceAgreement) r;
            LocalDate until = Days.dayOf(a.getValidUntil());
            if (until != null) {
                LocalDate notice = until.minusDays(a.getRenewalNoticeDays());
                State state = notice.isAfter(soon) ? State.LATER : today.isBefore(notice) ? State.DUE_SOON
                        : State.OVERDUE; // from the notice day on, renewal or exit is overdue
                items.add(new Item(Kind.AGREEMENT, a, Vendors.name(a.getVendor()), a.getReference() + " '" + a
                        .getTitle() + "' valid until " + until + (until.isBefore(today) ? " (expired)" : ", notice "
                                + a.getRenewalNoticeDays() + " days"), notice, state));
            }
        }
        items.sort(Comparator.comparing(Item::state).thenComparing(Item::due, Comparator.nullsFirst(Comparator
                .naturalOrder())).thenComparing(Item::vendor));
        return items;
    }

    /** Whether the vendor's requalification is overdue on the day (or it is a GxP vendor never qualified). */
    public static boolean overdue(VendorProfile p, Criticality c, VendorSettings settings, LocalDate today) {
        return requalification(p, c, settings, "").map(i -> i.due() == null || i.due().isBefore(today)).orElse(
                false);
    }

    private static Optional<Item> requalification(VendorProfile p, Criticality c, VendorSettings settings,
            String vendor) {
        QualificationStatus s = p.getStatus();
        if (s == QualificationStatus.QUALIFIED || s == QualificationStatus.QUALIFIED_WITH_CONDITIONS) {
            LocalDate on = Days.dayOf(p.getQualifiedOn());
            return c.requalificationDue(on, settings).map(due -> new Item(Kind.REQUALIFICATION, p, vendor, s
                    .getLiteral() + " on " + on + ", " + c.level().getLiteral() + " (" + c.basis() + "), every "
                    + c.cadenceMonths(settings) + " months", due, null));
        }
        if ((s == QualificationStatus.NOT_ASSESSED || s == QualificationStatus.UNDER_ASSESSMENT) && c
                .cadenceMonths(settings) > 0 && c.level() != GxpCriticality.NOT_GXP) {
            return Optional.of(new Item(Kind.QUALIFICATION, p, vendor, s.getLiteral() + ", "
                    + c.level().getLiteral() + " (" + c.basis() + "): not qualified yet", null, null));
        }
        return Optional.empty();
    }

    private static Item state(Item i, LocalDate today, LocalDate soon) {
        State s = i.due() == null || i.due().isBefore(today) ? State.OVERDUE : i.due().isAfter(soon) ? State.LATER
                : State.DUE_SOON;
        return new Item(i.kind(), i.record(), i.vendor(), i.what(), i.due(), s);
    }

    /** The systems each vendor hosts, by the vendor's id (one scan of the systems). */
    Map<String, List<ComputerizedSystem>> hostedSystems() {
        Map<String, List<ComputerizedSystem>> hosted = new HashMap<>();
        store.scan(Query.of(QmsPackage.Literals.COMPUTERIZED_SYSTEM), List.of(QmsPackage.Literals
                .COMPUTERIZED_SYSTEM__HOSTING_VENDOR, QmsPackage.Literals.COMPUTERIZED_SYSTEM__NAME,
                QmsPackage.Literals.COMPUTERIZED_SYSTEM__GXP_CRITICALITY), row -> {
                    if (row[0] != null) {
                        ComputerizedSystem s = Records.newRecord(QmsPackage.Literals.COMPUTERIZED_SYSTEM);
                        s.setName((String) row[1]);
                        if (row[2] != null) {
                            s.setGxpCriticality((GxpCriticality) row[2]);
                        }
                        hosted.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add(s);
                    }
                });
        return hosted;
    }
}
