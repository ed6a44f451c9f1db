package qms.vendor.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import qms.core.Days;
import qms.core.FindingCategories;
import qms.core.RecordStore;
import qms.model.ComputerizedSystem;
import qms.model.Finding;
import qms.model.FindingGrade;
import qms.model.FindingSource;
import qms.model.FindingStatus;
import qms.model.QmsPackage;
import qms.model.Vendor;

/**
 * The part every finding the vendor module raises shares: open, of the category "Vendor oversight gaps", about a
 * vendor and systems, identified on a day and due {@link #RESPONSE_DAYS} days after today (days, as the form shows
 * them).
 */
final class VendorFindings {

    /** Days from raising to the response due date. */
    static final int RESPONSE_DAYS = 30;

    private VendorFindings() {
    }

    /** A new open finding, not saved; {@code identified} null: today. */
    static Finding open(RecordStore store, String title, FindingSource source, FindingGrade grade, Vendor vendor,
            List<ComputerizedSystem> systems, Date identified, Instant now) {
        Finding f = qms.core.Records.newRecord(QmsPackage.Literals.FINDING);
        f.setTitle(title);
        f.setSource(source);
        f.setGrade(grade);
        f.setStatus(FindingStatus.OPEN);
        FindingCategories.find(store, FindingCategories.VENDOR_OVERSIGHT).ifPresent(f::setCategory);
        if (vendor != null) {
            f.getAffectedVendors().add(vendor);
        }
        f.getAffectedSystems().addAll(systems);
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        f.setIdentifiedOn(identified != null ? identified : Days.day(today));
        f.setResponseDue(Days.day(today.plusDays(RESPONSE_DAYS)));
        return f;
    }
}
