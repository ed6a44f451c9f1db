package qms.sop.core;

import java.time.LocalDate;

import qms.core.Days;
import qms.sop.model.Sop;
import qms.sop.model.SopVersion;

/**
 * When an SOP's periodic review is due: its review cadence (calendar months, the day clamped to the month's end) after
 * its version in force became effective or after its last signed periodic review, whichever is later.
 */
public final class PeriodicReviews {

    private PeriodicReviews() {
    }

    /** The day the periodic review is due; null if the version has no effective date. */
    public static LocalDate due(Sop sop, SopVersion effective) {
        LocalDate since = Days.dayOf(effective.getEffectiveDate());
        LocalDate reviewed = Days.dayOf(sop.getLastReviewedOn());
        if (since == null) {
            return null;
        }
        LocalDate base = reviewed != null && reviewed.isAfter(since) ? reviewed : since;
        return base.plusMonths(sop.getReviewCadenceMonths());
    }
}
