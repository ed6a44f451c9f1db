package qms.sop.core;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import qms.core.Days;
import qms.core.Records;
import qms.sop.model.Incident;
import qms.sop.model.Notification;
import qms.sop.model.NotificationAgreement;
import qms.sop.model.RegulatoryClock;
import qms.sop.model.SopPackage;

/**
 * The notification deadlines an incident's flags call for, computed as elapsed time in UTC (72 hours across a change
 * of daylight-saving time are 72 hours), and whether each was met:
 * <ul>
 * <li>GDPR Art. 33: the supervisory authority within 72 hours of becoming aware of a personal data breach (late: with
 * the reasons for the delay);</li>
 * <li>NIS2 Art. 23: an early warning within 24 hours and an incident notification within 72 hours of becoming aware of
 * a significant incident, a final report within one month of the notification (a calendar month: 31 January + 1 month
 * is 28 or 29 February);</li>
 * <li>EU Clinical Trials Regulation Art. 52: a serious breach within 7 days of becoming aware;</li>
 * <li>HIPAA: within 60 calendar days of discovery (the incident's detection);</li>
 * <li>a sponsor's or a vendor contract's own hours ({@link NotificationAgreement}) after awareness.</li>
 * </ul>
 * Which apply follows from the flags, plus the incident's extra clocks, less its waived ones (with their reason).
 */
public final class RegulatoryClocks {

    /** Where a deadline stands. */
    public enum State {
        MET("met"), LATE("met late"), OPEN("open"), OVERDUE("overdue"), WAITING("not started");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One deadline: its clock, a label ("GDPR Art. 33 \u2014 supervisory authority"), who is told, the agreement for a
     * sponsor's or contract clock, when it is due (null until it can start: a final report before the notification it
     * follows), what it counts from, and the notification that met it, if any.
     */
    public record Deadline(RegulatoryClock clock, String label, String recipient, NotificationAgreement agreement,
            Instant due, String basis, Notification notification) {

        public State state(Instant now) {
            if (notification != null) {
                return due != null && notification.getSentAt().toInstant().isAfter(due) ? State.LATE : State.MET;
            }
            if (due == null) {
                return State.WAITING;
            }
            return now.isAfter(due) ? State.OVERDUE : State.OPEN;
        }

        /** Time left until it is due (negative when overdue); null when it has no due time yet or was met. */
        public Duration left(Instant now) {
            return due == null || notification != null ? null : Duration.between(now, due);
        }

        /** Whether it still needs a notification (open, overdue, or waiting to start). */
        public boolean pending() {
            return notification == null;
        }
    }

    private RegulatoryClocks() {
    }

    /** The statutory clocks the incident's flags call for, with its extra clocks and without its waived ones. */
    public static Set<RegulatoryClock> applicable(Incident i) {
        Set<RegulatoryClock> clocks = EnumSet.noneOf(RegulatoryClock.class);
        if (i.isPersonalData()) {
            clocks.add(RegulatoryClock.GDPR_ART33);
        }
        if (i.isNis2Significant()) {
            clocks.addAll(List.of(RegulatoryClock.NIS2_EARLY_WARNING, RegulatoryClock.NIS2_NOTIFICATION,
                    RegulatoryClock.NIS2_FINAL_REPORT));
        }
        if (i.isTrialSubjects() || i.isDataIntegrity()) {
            clocks.add(RegulatoryClock.CTR_ART52);
        }
        if (i.isHealthInformation()) {
            clocks.add(RegulatoryClock.HIPAA);
        }
        if (i.eIsSet(SopPackage.Literals.INCIDENT__EXTRA_CLOCKS)) { // without making an empty list for each
            clocks.addAll(i.getExtraClocks());
        }
        if (i.eIsSet(SopPackage.Literals.INCIDENT__WAIVED_CLOCKS)) {
            clocks.removeAll(i.getWaivedClocks());
        }
        clocks.remove(RegulatoryClock.SPONSOR); // these come with their agreements
        clocks.remove(RegulatoryClock.CONTRACT);
        return clocks;
    }

    /**
     * Every deadline of the incident, earliest first (those not started yet last): the statutory ones that apply and
     * one for each agreement of its sponsor or of a vendor it affects (unless that kind of clock is waived).
     */
    public static List<Deadline> deadlines(Incident i, List<NotificationAgreement> agreements) {
        List<Deadline> result = new ArrayList<>();
        Instant aware = Days.instant(i.getAwareAt());
        Instant detected = Days.instant(i.getDetectedAt());
        for (RegulatoryClock c : applicable(i)) {
            Instant due = switch (c) {
            case GDPR_ART33, NIS2_NOTIFICATION -> plus(aware, Duration.ofHours(72));
            case NIS2_EARLY_WARNING -> plus(aware, Duration.ofHours(24));
            case NIS2_FINAL_REPORT -> oneMonthAfter(sent(i, RegulatoryClock.NIS2_NOTIFICATION, null));
            case CTR_ART52 -> plus(aware, Duration.ofDays(7));
            case HIPAA -> plus(detected, Duration.ofDays(60));
            default -> null;
            };
            result.add(new Deadline(c, label(c), recipient(c), null, due, basis(c), first(i, c, null)));
        }
        for (NotificationAgreement a : agreements) {
            boolean sponsor = a.getSponsor() != null && i.getSponsor() != null && Records.id(a.getSponsor()).equals(
                    Records.id(i.getSponsor()));
            boolean vendor = a.getVendor() != null && i.getAffectedVendors().stream().anyMatch(v -> Records.id(v)
                    .equals(Records.id(a.getVendor())));
            RegulatoryClock c = sponsor ? RegulatoryClock.SPONSOR : vendor ? RegulatoryClock.CONTRACT : null;
            if (c != null && !i.getWaivedClocks().contains(c)) {
                result.add(new Deadline(c, (sponsor ? "Sponsor" : "Contract") + " \u2014 " + a.getName(), a
                        .getRecipient() == null ? a.getName() : a.getRecipient(), a, plus(aware, Duration.ofHours(a
                                .getHours())), a.getHours() + " h after awareness" + (a.getContractSection() == null
                                        ? "" : " (" + a.getContractSection() + ")"), first(i, c, a)));
            }
        }
        result.sort(Comparator.comparing(Deadline::due, Comparator.nullsLast(Comparator.naturalOrder())));
        return result;
    }

    /** The deadline a notification counts against, if the incident has that clock. */
    public static Deadline deadlineOf(Incident i, Notification n, List<NotificationAgreement> agreements) {
        for (Deadline d : deadlines(i, agreements)) {
            if (d.clock() == n.getClock() && (d.agreement() == null || n.getAgreement() != null && d.agreement()
                    .getId().equals(Records.id(n.getAgreement())))) {
                return d;
            }
        }
        return null;
    }

    /** The earliest of the incident's deadlines that still needs a notification, if any has a due time. */
    public static Deadline next(Incident i, List<NotificationAgreement> agreements) {
        for (Deadline d : deadlines(i, agreements)) { // in the order they are due
            if (d.pending() && d.due() != null) {
                return d;
            }
        }
        return null;
    }

    static Instant plus(Instant from, Duration d) {
        return from == null ? null : from.plus(d);
    }

    /** One calendar month later in UTC, the day clamped to the month's end (31 January → 28 or 29 February). */
    static Instant oneMonthAfter(Instant from) {
        return from == null ? null : from.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
    }

    private static Instant sent(Incident i, RegulatoryClock c, NotificationAgreement a) {
        Notification n = first(i, c, a);
        return n == null ? null : n.getSentAt().toInstant();
    }

    /** The earliest notification of the incident made for the clock (and agreement). */
    private static Notification first(Incident i, RegulatoryClock c, NotificationAgreement a) {
        Notification first = null;
        for (Notification n : i.getNotifications()) {
            if (n.getClock() == c && n.getSentAt() != null && (a == null || n.getAgreement() != null && Objects.equals(
                    Records.id(n.getAgreement()), a.getId())) && (first == null || n.getSentAt().before(first
                            .getSentAt()))) {
                first = n;
            }
        }
        return first;
    }

    public static String label(RegulatoryClock c) {
        return switch (c) {
        case GDPR_ART33 -> "GDPR Art. 33 \u2014 personal data breach";
        case NIS2_EARLY_WARNING -> "NIS2 Art. 23 \u2014 early warning";
        case NIS2_NOTIFICATION -> "NIS2 Art. 23 \u2014 incident notification";
        case NIS2_FINAL_REPORT -> "NIS2 Art. 23 \u2014 final report";
        case CTR_ART52 -> "EU CTR Art. 52 \u2014 serious breach";
        case HIPAA -> "HIPAA \u2014 breach notification";
        case SPONSOR -> "Sponsor";
        case CONTRACT -> "Contract";
        };
    }

    private static String recipient(RegulatoryClock c) {
        return switch (c) {
        case GDPR_ART33 -> "the supervisory authority";
        case NIS2_EARLY_WARNING, NIS2_NOTIFICATION, NIS2_FINAL_REPORT -> "the CSIRT or competent authority";
        case CTR_ART52 -> "the Member States concerned (through CTIS)";
        case HIPAA -> "the individuals affected (and HHS)";
        default -> "";
        };
    }

    private static String basis(RegulatoryClock c) {
        return switch (c) {
        case GDPR_ART33, NIS2_NOTIFICATION -> "72 h after awareness";
        case NIS2_EARLY_WARNING -> "24 h after awareness";
        case NIS2_FINAL_REPORT -> "one month after the incident notification";
        case CTR_ART52 -> "7 days after awareness";
        case HIPAA -> "60 days after discovery";
        default -> "";
        };
    }

    /** "2 d 5 h", "45 min". */
    public static String duration(Duration d) {
        long minutes = Math.abs(d.toMinutes());
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        if (days > 0) {
            return days + " d " + hours + " h";
        }
        return hours > 0 ? hours + " h " + minutes % 60 + " min" : minutes % 60 + " min";
    }
}
