package qms.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import qms.model.FindingCategory;
import qms.model.QmsPackage;

/**
 * The registry of finding categories the suite starts with: the findings CROs are most often cited for in audits
 * and inspections, each with its typical impact on subject safety and data integrity. A finding of a category starts
 * with that impact, which its author then makes specific.
 */
public final class FindingCategories {

    public static final String UNENCRYPTED_STORAGE = "Unencrypted trial data storage";
    public static final String NO_BACKUP_VALIDATION = "No periodic backup validation";
    public static final String INCIDENT_RESPONSE_SOPS = "Inadequate incident response SOPs";
    public static final String VENDOR_OVERSIGHT = "Vendor oversight gaps";
    public static final String WEAK_PASSWORDS = "Weak password policies";
    public static final String NO_BACKUP_POLICY = "Absence of backup policies";
    public static final String FAILED_BACKUPS = "Infrequent or failed backups";
    public static final String WEAK_ACCESS_CONTROLS = "Weak access controls";
    public static final String CRO_OVERSIGHT = "CRO oversight failures";

    private static final String[][] DEFAULTS = {
            { UNENCRYPTED_STORAGE, "Data integrity and subject confidentiality: trial data, subject data included,"
                    + " can be read or altered by anyone who reaches the storage, a lost device or a backup copy; a"
                    + " breach of the Part 11 and GDPR/HIPAA controls the sponsor relies on." },
            { NO_BACKUP_VALIDATION, "Data integrity: backups that were never restored may not restore; after an"
                    + " incident trial data could be lost for good and the trial's results could not be"
                    + " reconstructed." },
            { INCIDENT_RESPONSE_SOPS, "Subject safety and data integrity: a cyber incident is contained, assessed"
                    + " and reported late or not at all; safety data may be unavailable when needed and sponsors and"
                    + " regulators are not told in time." },
            { VENDOR_OVERSIGHT, "Data integrity: nobody can show that the vendors hosting or processing trial data"
                    + " work to GCP and Part 11; failures at a vendor go unnoticed until data is lost or altered." },
            { WEAK_PASSWORDS, "Data integrity: accounts can be guessed or shared, so the audit trail no longer"
                    + " attributes each change to one person (21 CFR 11.10(d), 11.300)." },
            { NO_BACKUP_POLICY, "Data integrity: nobody has decided what is backed up, how often and for how long;"
                    + " trial data may not be recoverable or retained as long as ICH E6 requires." },
            { FAILED_BACKUPS, "Data integrity: data entered since the last good backup would be lost in an"
                    + " incident; failed backups nobody notices leave systems unprotected." },
            { WEAK_ACCESS_CONTROLS, "Subject safety and data integrity: people can see or change data beyond their"
                    + " role, unblinded or identifiable subject data included, and changes may not be"
                    + " attributable." },
            { CRO_OVERSIGHT, "Subject safety and data integrity: the sponsor stays responsible for the trial (ICH"
                    + " E6 5.2) but cannot show that it oversaw the duties and the data handling it gave to the"
                    + " CRO." } };

    private FindingCategories() {
    }

    /** The nine default categories with their typical impact, as new records. */
    public static List<FindingCategory> defaults() {
        List<FindingCategory> all = new ArrayList<>();
        for (String[] d : DEFAULTS) {
            FindingCategory c = Records.newRecord(QmsPackage.Literals.FINDING_CATEGORY);
            c.setName(d[0]);
            c.setTypicalImpact(d[1]);
            all.add(c);
        }
        return all;
    }

    /** The store's category of this name, if it has one (a QA department may rename or delete the defaults). */
    public static Optional<FindingCategory> find(RecordStore store, String name) {
        return store.list(Query.of(QmsPackage.Literals.FINDING_CATEGORY).where(
                QmsPackage.Literals.FINDING_CATEGORY__NAME, name)).stream().map(FindingCategory.class::cast)
                .findFirst();
    }
}
