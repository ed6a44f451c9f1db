package qms.vendor.core;

import java.time.Instant;
import java.util.List;

import qms.core.CoreModelContribution;
import qms.core.FindingCategories;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.StoreException;
import qms.model.Finding;
import qms.model.FindingGrade;
import qms.model.FindingSource;
import qms.model.FindingStatus;
import qms.model.QmsPackage;
import qms.vendor.model.VendorAudit;

/**
 * A finding of a vendor audit or questionnaire, raised into the core's findings registry (so CAPA follows it): about
 * the audited vendor and the systems it hosts, of the category "Vendor oversight gaps", identified on the day the
 * audit was performed, related to the audit (so the trace goes finding → audit → its report).
 */
public final class AuditFindings {

    private AuditFindings() {
    }

    /**
     * Raises and saves the finding in one change with its link to the audit.
     *
     * @throws StoreException naming the field when the title or the description is empty, or the audit is not
     *                        performed yet
     */
    public static Finding raise(RecordStore store, VendorAudit audit, String title, FindingGrade grade,
            String description, Instant now) {
        if (audit.getPerformedOn() == null) {
            throw new StoreException("The audit '" + audit.getTitle() + "' has no 'Performed on' date: a finding is"
                    + " raised from an audit that took place");
        }
        if (title == null || title.isBlank()) {
            throw new StoreException("The finding's 'Title' is empty");
        }
        if (description == null || description.isBlank()) {
            throw new StoreException("The finding's 'Description' is empty: say what the auditor found");
        }
        Finding f = Records.newRecord(QmsPackage.Literals.FINDING);
        f.setTitle(title.strip());
        f.setDescription(description.strip());
        f.setGrade(grade);
        f.setSource(FindingSource.VENDOR_AUDIT);
        f.setStatus(FindingStatus.OPEN);
        FindingCategories.find(store, FindingCategories.VENDOR_OVERSIGHT).ifPresent(f::setCategory);
        if (audit.getVendor() != null) {
            String vendorId = Records.id(audit.getVendor());
            f.getAffectedVendors().add(audit.getVendor());
            f.getAffectedSystems().addAll(Vendors.hosted(store, vendorId));
        }
        f.setIdentifiedOn(audit.getPerformedOn());
        f.setResponseDue(qms.core.Days.day(now.atZone(java.time.ZoneOffset.UTC).toLocalDate().plusDays(
                BreachFindings.RESPONSE_DAYS))); // a due day, as the form shows it
        store.save(List.of(f, Records.link(CoreModelContribution.RELATES_TO, f, audit)), null);
        return f;
    }
}
