package qms.vendor.core;

import java.time.Instant;
import java.util.List;

import qms.core.CoreModelContribution;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.StoreException;
import qms.model.Finding;
import qms.model.FindingGrade;
import qms.model.FindingSource;
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
    /** What the finding still lacks before it can be raised ("The finding's 'Title' is empty"), or empty. */
    public static java.util.Optional<String> problem(String title, String description) {
        if (title == null || title.isBlank()) {
            return java.util.Optional.of("The finding's 'Title' is empty");
        }
        if (description == null || description.isBlank()) {
            return java.util.Optional.of("The finding's 'Description' is empty: say what the auditor found");
        }
        return java.util.Optional.empty();
    }

    public static Finding raise(RecordStore store, VendorAudit audit, String title, FindingGrade grade,
            String description, Instant now) {
        if (audit.getPerformedOn() == null) {
            throw new StoreException("The audit '" + audit.getTitle() + "' has no 'Performed on' date: a finding is"
                    + " raised from an audit that took place");
        }
        java.util.Optional<String> problem = problem(title, description);
        if (problem.isPresent()) {
            throw new StoreException(problem.get());
        }
        Finding f = VendorFindings.open(store, title.strip(), FindingSource.VENDOR_AUDIT, grade, audit.getVendor(),
                audit.getVendor() == null ? List.of() : Vendors.hosted(store, Records.id(audit.getVendor())), audit
                        .getPerformedOn(), now);
        f.setDescription(description.strip());
        store.save(List.of(f, Records.link(CoreModelContribution.RELATES_TO, f, audit)), null);
        return f;
    }
}
