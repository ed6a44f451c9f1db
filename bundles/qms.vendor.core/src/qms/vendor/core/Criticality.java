package qms.vendor.core;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import qms.model.ComputerizedSystem;
import qms.model.GxpCriticality;
import qms.vendor.model.VendorProfile;
import qms.vendor.model.VendorSettings;

/**
 * How critical a vendor is and so how often it is requalified: the highest GxP criticality of the systems it hosts,
 * unless its profile overrides it; Low when it hosts none. A qualification is due again its cadence of months after
 * the day it was signed, clamped to the end of a shorter month (qualified 29 February 2024, 24 months: 28 February
 * 2026; 31 August, 6 months: 28 or 29 February).
 *
 * @param level      the criticality that counts
 * @param overridden whether the profile's override set it
 * @param basis      why, in words: "derived from EDC Database (High)", "overridden: …"
 */
public record Criticality(GxpCriticality level, boolean overridden, String basis) {

    /** The vendor's criticality from its profile and the systems it hosts. */
    public static Criticality of(VendorProfile profile, List<ComputerizedSystem> hosted) {
        if (profile != null && profile.isSetCriticalityOverride()) {
            String why = profile.getCriticalityRationale();
            return new Criticality(profile.getCriticalityOverride(), true, "overridden" + (why == null || why
                    .isBlank() ? "" : ": " + why.strip()));
        }
        ComputerizedSystem highest = null;
        for (ComputerizedSystem s : hosted) {
            if (s.isSetGxpCriticality() && (highest == null || s.getGxpCriticality().getValue() < highest
                    .getGxpCriticality().getValue())) {
                highest = s; // the literals run from High (0) to Not GxP relevant (3)
            }
        }
        if (highest == null) {
            return new Criticality(GxpCriticality.LOW, false, hosted.isEmpty() ? "hosts no system"
                    : "its systems have no GxP criticality");
        }
        return new Criticality(highest.getGxpCriticality(), false, "derived from " + highest.getName() + " ("
                + highest.getGxpCriticality().getLiteral() + ")");
    }

    /** Months between qualifications at this criticality; 0: no requalification needed. */
    public int cadenceMonths(VendorSettings settings) {
        return switch (level) {
        case HIGH -> settings.getHighMonths();
        case MEDIUM -> settings.getMediumMonths();
        case LOW -> settings.getLowMonths();
        case NOT_GXP -> settings.getNotGxpMonths();
        };
    }

    /** The day requalification is due after a qualification signed on {@code qualifiedOn}, if one is needed. */
    public Optional<LocalDate> requalificationDue(LocalDate qualifiedOn, VendorSettings settings) {
        int months = cadenceMonths(settings);
        return qualifiedOn == null || months <= 0 ? Optional.empty() : Optional.of(qualifiedOn.plusMonths(months));
    }
}
