package qms.sop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import qms.core.Days;
import qms.core.Records;
import qms.model.Organisation;
import qms.model.QmsPackage;
import qms.model.Vendor;
import qms.sop.core.RegulatoryClocks.Deadline;
import qms.sop.core.RegulatoryClocks.State;
import qms.sop.model.Incident;
import qms.sop.model.Notification;
import qms.sop.model.NotificationAgreement;
import qms.sop.model.RegulatoryClock;
import qms.sop.model.SopPackage;

/**
 * The regulatory clocks at their boundaries, without a store or a display: which apply, elapsed hours across both
 * daylight-saving changes, the one-month final report at month ends and in a leap year, 60 days across 29 February,
 * met, late, open and overdue to the second.
 */
class RegulatoryClocksTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Incident incident(Instant detected, Instant aware) {
        Incident i = Records.newRecord(SopPackage.Literals.INCIDENT);
        i.setTitle("Ransomware on the EDC file server");
        i.setDetectedAt(Date.from(detected));
        i.setAwareAt(Date.from(aware));
        return i;
    }

    private static Deadline deadline(Incident i, RegulatoryClock c) {
        return RegulatoryClocks.deadlines(i, List.of()).stream().filter(d -> d.clock() == c).findFirst().orElseThrow();
    }

    private static Notification sent(Incident i, RegulatoryClock c, Instant at) {
        Notification n = Records.newRecord(SopPackage.Literals.NOTIFICATION);
        n.setClock(c);
        n.setRecipient("them");
        n.setSentAt(Date.from(at));
        i.getNotifications().add(n);
        return n;
    }

    @Test
    void theFlagsSayWhichClocksApplyAndExtraAndWaivedOnesChangeThat() {
        Incident i = incident(Instant.parse("2026-05-04T08:00:00Z"), Instant.parse("2026-05-04T09:00:00Z"));
        assertEquals(Set.of(), RegulatoryClocks.applicable(i));
        i.setPersonalData(true);
        i.setDataIntegrity(true);
        assertEquals(EnumSet.of(RegulatoryClock.GDPR_ART33, RegulatoryClock.CTR_ART52), RegulatoryClocks.applicable(i));
        i.setNis2Significant(true);
        i.setHealthInformation(true);
        assertEquals(EnumSet.allOf(RegulatoryClock.class).size() - 2, RegulatoryClocks.applicable(i).size(),
                "every statutory clock; sponsor and contract clocks come with their agreements");
        i.getWaivedClocks().add(RegulatoryClock.HIPAA);
        i.getExtraClocks().add(RegulatoryClock.GDPR_ART33); // already there: no second deadline
        assertEquals(EnumSet.of(RegulatoryClock.GDPR_ART33, RegulatoryClock.CTR_ART52, RegulatoryClock
                .NIS2_EARLY_WARNING, RegulatoryClock.NIS2_NOTIFICATION, RegulatoryClock.NIS2_FINAL_REPORT),
                RegulatoryClocks.applicable(i));
        assertEquals(List.of(RegulatoryClock.NIS2_EARLY_WARNING, RegulatoryClock.GDPR_ART33, RegulatoryClock
                .NIS2_NOTIFICATION, RegulatoryClock.CTR_ART52, RegulatoryClock.NIS2_FINAL_REPORT), RegulatoryClocks
                        .deadlines(i, List.of()).stream().map(Deadline::clock).toList(), "earliest first; the final"
                                + " report, not started before the notification, last");
    }

    @Test
    void seventyTwoHoursAcrossADaylightSavingChangeAreSeventyTwoElapsedHoursBothWays() {
        // spring: Berlin moves from CET to CEST on 29 March 2026; 10:00 on the 27th + 72 h is 11:00 local on the 30th
        Instant aware = ZonedDateTime.of(2026, 3, 27, 10, 0, 0, 0, BERLIN).toInstant();
        Incident spring = incident(aware, aware);
        spring.setPersonalData(true);
        Deadline gdpr = deadline(spring, RegulatoryClock.GDPR_ART33);
        assertEquals(Duration.ofHours(72), Duration.between(aware, gdpr.due()));
        assertEquals(ZonedDateTime.of(2026, 3, 30, 11, 0, 0, 0, BERLIN).toInstant(), gdpr.due());
        assertEquals("2026-03-30 11:00 Europe/Berlin", Days.moment(gdpr.due(), BERLIN));
        // autumn: back to CET on 25 October 2026; 10:00 on the 23rd + 72 h is 09:00 local on the 26th
        Instant autumnAware = ZonedDateTime.of(2026, 10, 23, 10, 0, 0, 0, BERLIN).toInstant();
        Incident autumn = incident(autumnAware, autumnAware);
        autumn.setPersonalData(true);
        assertEquals(ZonedDateTime.of(2026, 10, 26, 9, 0, 0, 0, BERLIN).toInstant(), deadline(autumn,
                RegulatoryClock.GDPR_ART33).due());
        assertEquals(Duration.ofHours(72), Duration.between(autumnAware, deadline(autumn, RegulatoryClock.GDPR_ART33)
                .due()));
    }

    @Test
    void theNis2FinalReportIsOneCalendarMonthAfterTheNotificationClampedToTheMonthsEnd() {
        Incident i = incident(Instant.parse("2026-01-28T06:00:00Z"), Instant.parse("2026-01-29T06:00:00Z"));
        i.setNis2Significant(true);
        assertNull(deadline(i, RegulatoryClock.NIS2_FINAL_REPORT).due(), "not started before the notification");
        assertEquals(State.WAITING, deadline(i, RegulatoryClock.NIS2_FINAL_REPORT).state(Instant.parse(
                "2026-06-01T00:00:00Z")));
        assertEquals(Instant.parse("2026-01-30T06:00:00Z"), deadline(i, RegulatoryClock.NIS2_EARLY_WARNING).due());
        assertEquals(Instant.parse("2026-02-01T06:00:00Z"), deadline(i, RegulatoryClock.NIS2_NOTIFICATION).due());
        sent(i, RegulatoryClock.NIS2_NOTIFICATION, Instant.parse("2026-01-31T12:00:00Z"));
        assertEquals(Instant.parse("2026-02-28T12:00:00Z"), deadline(i, RegulatoryClock.NIS2_FINAL_REPORT).due());
        assertEquals(Instant.parse("2028-02-29T12:00:00Z"), RegulatoryClocks.oneMonthAfter(Instant.parse(
                "2028-01-31T12:00:00Z")), "a leap year's February");
        assertEquals(Instant.parse("2026-04-30T23:59:00Z"), RegulatoryClocks.oneMonthAfter(Instant.parse(
                "2026-03-31T23:59:00Z")));
        assertEquals(Instant.parse("2027-01-15T00:00:00Z"), RegulatoryClocks.oneMonthAfter(Instant.parse(
                "2026-12-15T00:00:00Z")), "into the next year");
    }

    @Test
    void hipaaCountsSixtyDaysFromDiscoveryAcrossTheLeapDayAndCtrSevenDaysAcrossTheYearsEnd() {
        Incident leap = incident(Instant.parse("2028-02-01T00:00:00Z"), Instant.parse("2028-02-03T00:00:00Z"));
        leap.setHealthInformation(true);
        assertEquals(Instant.parse("2028-04-01T00:00:00Z"), deadline(leap, RegulatoryClock.HIPAA).due(),
                "29 February counts: 1 February + 60 days is 1 April");
        Incident common = incident(Instant.parse("2027-02-01T00:00:00Z"), Instant.parse("2027-02-03T00:00:00Z"));
        common.setHealthInformation(true);
        assertEquals(Instant.parse("2027-04-02T00:00:00Z"), deadline(common, RegulatoryClock.HIPAA).due());
        Incident ctr = incident(Instant.parse("2026-12-28T20:00:00Z"), Instant.parse("2026-12-28T23:30:00Z"));
        ctr.setTrialSubjects(true);
        assertEquals(Instant.parse("2027-01-04T23:30:00Z"), deadline(ctr, RegulatoryClock.CTR_ART52).due(),
                "from awareness, not detection");
    }

    @Test
    void aDeadlineIsMetUpToItsSecondLateAfterItOpenUntilItAndOverdueAfterIt() {
        Instant aware = Instant.parse("2026-12-01T10:00:00Z");
        Instant due = Instant.parse("2026-12-04T10:00:00Z");
        Incident i = incident(aware, aware);
        i.setPersonalData(true);
        Deadline open = deadline(i, RegulatoryClock.GDPR_ART33);
        assertEquals(State.OPEN, open.state(due));
        assertEquals(Duration.ZERO, open.left(due));
        assertEquals(State.OVERDUE, open.state(due.plusSeconds(1)));
        assertEquals(Duration.ofSeconds(-1), open.left(due.plusSeconds(1)));
        assertEquals("3 d 0 h", RegulatoryClocks.duration(open.left(aware)));
        Notification onTime = sent(i, RegulatoryClock.GDPR_ART33, due);
        assertEquals(State.MET, deadline(i, RegulatoryClock.GDPR_ART33).state(due.plusSeconds(99)));
        i.getNotifications().remove(onTime);
        sent(i, RegulatoryClock.GDPR_ART33, due.plusSeconds(1));
        assertEquals(State.LATE, deadline(i, RegulatoryClock.GDPR_ART33).state(due.plusSeconds(99)));
        assertNull(deadline(i, RegulatoryClock.GDPR_ART33).left(due), "met: no time left to count");
    }

    @Test
    void aSponsorsAndAVendorsAgreementEachGiveAClockOfTheirHours() {
        Organisation sponsor = Records.newRecord(QmsPackage.Literals.ORGANISATION);
        sponsor.setName("Acme Pharma");
        Vendor host = Records.newRecord(QmsPackage.Literals.VENDOR);
        host.setName("Helix Cloud Hosting GmbH");
        NotificationAgreement bySponsor = Records.newRecord(SopPackage.Literals.NOTIFICATION_AGREEMENT);
        bySponsor.setName("Acme master services agreement");
        bySponsor.setSponsor(sponsor);
        bySponsor.setHours(24);
        NotificationAgreement byVendor = Records.newRecord(SopPackage.Literals.NOTIFICATION_AGREEMENT);
        byVendor.setName("Helix quality agreement");
        byVendor.setVendor(host);
        byVendor.setHours(48);
        Instant aware = Instant.parse("2026-12-01T10:00:00Z");
        Incident i = incident(aware, aware);
        assertEquals(List.of(), RegulatoryClocks.deadlines(i, List.of(bySponsor, byVendor)), "neither party concerned");
        i.setSponsor(sponsor);
        i.getAffectedVendors().add(host);
        List<Deadline> both = RegulatoryClocks.deadlines(i, List.of(bySponsor, byVendor));
        assertEquals(List.of(aware.plus(Duration.ofHours(24)), aware.plus(Duration.ofHours(48))), both.stream().map(
                Deadline::due).toList());
        assertEquals(List.of(RegulatoryClock.SPONSOR, RegulatoryClock.CONTRACT), both.stream().map(Deadline::clock)
                .toList());
        Notification n = sent(i, RegulatoryClock.CONTRACT, aware.plus(Duration.ofHours(50)));
        n.setAgreement(byVendor);
        assertEquals(State.LATE, RegulatoryClocks.deadlineOf(i, n, List.of(bySponsor, byVendor)).state(aware));
        i.getWaivedClocks().add(RegulatoryClock.SPONSOR);
        assertEquals(List.of(RegulatoryClock.CONTRACT), RegulatoryClocks.deadlines(i, List.of(bySponsor, byVendor))
                .stream().map(Deadline::clock).toList());
    }
}
