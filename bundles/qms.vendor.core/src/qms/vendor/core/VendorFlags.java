package qms.vendor.core;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import qms.core.Days;
import qms.core.RecordFlags;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.ComputerizedSystem;
import qms.model.Record;
import qms.model.Vendor;
import qms.vendor.model.QualificationStatus;
import qms.vendor.model.ServiceAgreement;
import qms.vendor.model.VendorProfile;

/**
 * Flags a system whose hosting vendor is disqualified, overdue for requalification or not qualified, or whose
 * agreement lacks required GxP clauses — and the vendor and the agreement themselves the same way — on their forms;
 * on the vendor and the agreement also what {@link BackupCommitments} finds.
 */
@Component(service = RecordFlags.class)
public final class VendorFlags implements RecordFlags {

    @Override
    public List<Flag> flags(RecordStore store, Record record) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Flag> flags = new ArrayList<>();
        if (record instanceof ComputerizedSystem s && s.getHostingVendor() != null) {
            String vendorId = Records.id(s.getHostingVendor());
            qualification(store, vendorId, "Hosting vendor ", today).ifPresent(flags::add);
            for (ServiceAgreement a : Vendors.agreements(store, vendorId)) {
                if (Vendors.covered(store, a).stream().anyMatch(c -> c.getId().equals(s.getId()))) {
                    gaps(a).ifPresent(flags::add);
                }
            }
        } else if (record instanceof Vendor v && v.getId() != null) {
            qualification(store, v.getId(), "", today).ifPresent(flags::add);
            for (ServiceAgreement a : Vendors.agreements(store, v.getId())) {
                gaps(a).ifPresent(flags::add);
                flags.addAll(BackupCommitments.check(store, a, java.time.Instant.now()));
            }
        } else if (record instanceof ServiceAgreement a) {
            gaps(a).ifPresent(flags::add);
            flags.addAll(BackupCommitments.check(store, a, java.time.Instant.now()));
        }
        return flags;
    }

    /** What is wrong with the vendor's qualification, if anything. */
    static Optional<Flag> qualification(RecordStore store, String vendorId, String prefix, LocalDate today) {
        Optional<VendorProfile> profile = Vendors.profile(store, vendorId);
        String name = profile.map(p -> Records.label(p.getVendor())).orElseGet(() -> Records.label(store.get(
                vendorId)));
        if (profile.isEmpty()) {
            return Optional.of(new Flag(Severity.WARNING, prefix + name + " has no vendor profile: it is not"
                    + " qualified"));
        }
        VendorProfile p = profile.get();
        if (p.getStatus() == QualificationStatus.DISQUALIFIED) {
            return Optional.of(new Flag(Severity.PROBLEM, prefix + name + " is Disqualified"));
        }
        Criticality c = Criticality.of(p, Vendors.hosted(store, vendorId));
        if (p.getStatus() == QualificationStatus.NOT_ASSESSED || p.getStatus() == QualificationStatus
                .UNDER_ASSESSMENT) {
            return Optional.of(new Flag(Severity.WARNING, prefix + name + " is not qualified (" + p.getStatus()
                    .getLiteral() + ")"));
        }
        Optional<LocalDate> due = c.requalificationDue(Days.dayOf(p.getQualifiedOn()), Vendors.settings(store));
        if (due.isPresent() && due.get().isBefore(today)) {
            return Optional.of(new Flag(Severity.PROBLEM, prefix + name + " is overdue for requalification (due "
                    + due.get() + ")"));
        }
        return Optional.empty();
    }

    private static Optional<Flag> gaps(ServiceAgreement a) {
        List<Clauses.Gap> missing = Clauses.missing(a);
        return missing.isEmpty() ? Optional.empty() : Optional.of(new Flag(Severity.WARNING, "Agreement "
                + a.getReference() + " lacks " + (missing.size() == 1 ? "a required clause: " : missing.size()
                        + " required clauses: ") + String.join("; ", missing.stream().map(Clauses.Gap::text)
                                .toList())));
    }
}
