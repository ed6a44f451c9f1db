package qms.sop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.core.ChangeRefusedException;
import qms.core.Records;
import qms.core.Trace;
import qms.core.ValidationException;
import qms.core.lifecycle.StepRefusedException;
import qms.sop.model.Incident;
import qms.sop.model.IncidentStatus;
import qms.sop.model.IncidentTask;
import qms.sop.model.Notification;
import qms.sop.model.RegulatoryClock;
import qms.sop.model.SopPackage;
import qms.sop.model.SopVersion;
import qms.sop.model.TaskStatus;
import qms.sop.model.TimelineEntry;

/**
 * An incident handled under an SOP version on the real store: its tasks from the version's steps with owners and due
 * times from the escalation matrix, its append-only timeline, a late notification refused without the reason for the
 * delay, its closing with a signed review (this runtime has no CAPA module: the review says a CAPA is to be opened by
 * hand), the version it was handled under kept after that SOP is superseded, the headless clocks and the trace.
 */
class IncidentTest {

    private static final Instant AWARE = Instant.parse("2026-11-20T08:00:00Z");

    @TempDir
    Path dir;
    private SopFixture f;
    private SopVersion v1;

    @BeforeEach
    void open() throws Exception {
        f = new SopFixture(dir);
        v1 = f.inForce();
    }

    @AfterEach
    void close() {
        f.close();
    }

    private Incident incident() {
        return f.ransomware(AWARE);
    }

    @Test
    void anIncidentUnderAnSopVersionGetsItsStepsAsTasksDueFromTheEscalationMatrix() {
        Incident i = new Incidents(f.store).handleUnder(incident(), v1);
        assertEquals(v1.getId(), Records.id(i.getSopVersion()));
        assertEquals(2, i.getTasks().size());
        IncidentTask contain = i.getTasks().get(0);
        assertEquals("Contain the incident", contain.getAction());
        assertEquals("ivan", contain.getOwner().getUserId(), "Ivan's person holds the step's role");
        assertEquals(AWARE.plus(Duration.ofHours(4)), contain.getDue().toInstant(), "High: IT on call within 4 h");
        IncidentTask assess = i.getTasks().get(1);
        assertEquals(null, assess.getOwner(), "nobody with an account holds QA Manager as a person's role");
        assertEquals(AWARE.plus(Duration.ofHours(4)), assess.getDue().toInstant(), "no row for its role: the longest"
                + " of the severity");
        assertEquals(1, i.getTimeline().size());
        TimelineEntry started = i.getTimeline().get(0);
        assertTrue(started.getText().startsWith("Handled under SOP-IT-001 v1"), started.getText());
        assertEquals("quinn", started.getRecordedBy(), "stamped by the store");

        assertTrue(assertThrows(StepRefusedException.class, () -> new Incidents(f.store).handleUnder(i, v1))
                .getMessage().contains("it is handled under SOP-IT-001 v1 already"));
        Incident edited = (Incident) f.store.get(i.getId());
        edited.getTimeline().get(0).setText("Nothing happened");
        ValidationException refused = assertThrows(ValidationException.class, () -> f.store.save(edited, null));
        assertTrue(refused.getMessage().contains("Text cannot be changed") && refused.getMessage().contains(
                "a timeline entry is never changed or removed once saved"), refused.getMessage());
        assertTrue(((Incident) f.store.get(i.getId())).getTimeline().get(0).getText().startsWith("Handled under"),
                "nothing was written");
    }

    @Test
    void anAwarenessInTheFutureIsRefusedNamingTheField() {
        Incident i = incident();
        i.setAwareAt(Date.from(Instant.now().plus(Duration.ofDays(1))));
        ValidationException refused = assertThrows(ValidationException.class, () -> f.store.save(i, null));
        assertTrue(refused.getMessage().contains("Aware at ") && refused.getMessage().contains("is in the future"),
                refused.getMessage());
        i.setAwareAt(Date.from(AWARE.minus(Duration.ofHours(5))));
        refused = assertThrows(ValidationException.class, () -> f.store.save(i, null));
        assertTrue(refused.getMessage().contains("is before Detected at"), refused.getMessage());
        assertEquals(0, f.store.count(qms.core.Query.of(SopPackage.Literals.INCIDENT)));
    }

    @Test
    void aLateNotificationNeedsItsReasonAndTheIncidentClosesWithItsSignedReview() {
        Incidents incidents = new Incidents(f.store);
        Incident i = incidents.handleUnder(incident(), v1);
        Notification late = Records.newRecord(SopPackage.Literals.NOTIFICATION);
        late.setClock(RegulatoryClock.GDPR_ART33);
        late.setRecipient("ICO");
        late.setSentAt(Date.from(AWARE.plus(Duration.ofHours(80))));
        String refused = assertThrows(ChangeRefusedException.class, () -> incidents.recordNotification(i, late))
                .getMessage();
        assertEquals("Cannot record the notification to ICO (GDPR Art. 33 \u2014 personal data breach) of INC-2026-003"
                + " 'Ransomware on the EDC file server': it was made 8 h 0 min after its deadline, 2026-11-23 08:00 UTC"
                + " (72 h after awareness), so Delay reason is required. Nothing was saved.", refused);
        assertEquals(0, ((Incident) f.store.get(i.getId())).getNotifications().size());
        assertEquals(1, i.getTimeline().size(), "the refused entry is taken back from the incident too");
        late.setDelayReason("The forensic report confirming personal data was only available on day 3.");
        late.setReference("ICO-2026-4711");
        Incident notified = incidents.recordNotification(i, late);
        RegulatoryClocks.Deadline gdpr = RegulatoryClocks.deadlines(notified, List.of()).get(0);
        assertEquals(RegulatoryClocks.State.LATE, gdpr.state(Instant.now()));
        assertTrue(notified.getTimeline().get(1).getText().startsWith("Notified ICO (GDPR Art. 33"));

        Clock now = Clock.fixed(AWARE.plus(Duration.ofDays(5)), ZoneOffset.UTC);
        IncidentLifecycle l = new IncidentLifecycle(f.store, now);
        Incident contained = l.steps().run(l.contain, notified);
        assertEquals(IncidentStatus.CONTAINED, contained.getStatus());
        Incident recovered = l.steps().run(l.recover, l.steps().run(l.eradicate, contained));
        assertEquals(Optional.of("2 tasks are still open (task 1: Contain the incident)"), l.stillOpen(recovered));
        assertTrue(l.steps().whyNot(l.approveReview, recovered, "rita").orElseThrow().contains("review was not"
                + " submitted"));
        Incident done = (Incident) f.store.get(i.getId());
        done.getTasks().forEach(t -> t.setStatus(TaskStatus.DONE));
        f.store.save(done, null);
        done = (Incident) f.store.get(i.getId());
        l.submitReview(done, "An unpatched file server", "Patch within 14 days", true);
        f.test.actAs(SopFixture.RITA);
        Incident closed = l.approveReview((Incident) f.store.get(i.getId()), "rita", SopFixture.PASSWORD
                .toCharArray());
        assertEquals(IncidentStatus.CLOSED, closed.getStatus());
        TimelineEntry last = closed.getTimeline().get(closed.getTimeline().size() - 1);
        assertTrue(last.getText().endsWith("a CAPA is needed: the CAPA module is not installed, open one by hand"),
                last.getText());
        assertEquals(List.of("Status: Open \u2192 Contained", "Status: Contained \u2192 Eradicated",
                "Status: Eradicated \u2192 Recovered"), closed.getTimeline().stream().map(TimelineEntry::getText)
                        .filter(t -> t.startsWith("Status")).toList());
        assertTrue(f.store.reasonRequired(i.getId()).isPresent(), "a closed incident is controlled");

        // the SOP moves on; the incident stays handled under the version it was
        f.test.actAs(SopFixture.SAM);
        SopVersion v2 = f.approved(f.written(f.draft((qms.sop.model.Sop) f.store.get(Records.id(
                v1.getSop()))), SopFixture.TODAY), SopFixture.TODAY);
        assertEquals(qms.sop.model.VersionStatus.SUPERSEDED, f.reload(v1).getStatus());
        assertEquals(v1.getId(), Records.id(((Incident) f.store.get(i.getId())).getSopVersion()));
        List<Trace.Step> trace = Trace.steps(f.store, f.store.get(i.getId()));
        assertTrue(trace.stream().anyMatch(s -> s.relation().equals("SOP version") && s.record().getId().equals(v1
                .getId())), trace.toString());
        assertTrue(trace.stream().anyMatch(s -> s.relation().equals("Sign-off")), "the review");
        assertTrue(v2.getStatus() == qms.sop.model.VersionStatus.EFFECTIVE);
        // the inspection binder takes an incident like a finding: it, the version it was handled under, the review
        List<qms.reports.InspectionBinder.Entry> binder = new qms.reports.InspectionBinder(f.store).contents(List.of(i
                .getId()));
        assertEquals("chosen incident", binder.get(0).relation());
        assertEquals(i.getId(), binder.get(0).record().getId());
        assertTrue(binder.stream().anyMatch(e -> e.record().getId().equals(v1.getId())), "the SOP version used");
        assertTrue(binder.stream().anyMatch(e -> e.record() instanceof qms.sop.model.IncidentReview), "the review");
        assertTrue(qms.reports.InspectionBinder.suggestedName(List.of(f.store.get(i.getId())), java.time.Instant.now())
                .startsWith("inspection-binder-" + ((Incident) f.store.get(i.getId())).getReference() + "-"));
    }

    @Test
    void theHeadlessClocksPrintTheNextDeadlinesAndExitTwoWhenOneIsOverdue() {
        Incidents incidents = new Incidents(f.store);
        incidents.handleUnder(incident(), v1);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        IncidentClocksTask early = new IncidentClocksTask(Clock.fixed(AWARE.plus(Duration.ofHours(1)), ZoneOffset
                .UTC));
        assertEquals(0, early.execute(f.store, List.of("-zone", "Europe/Berlin"), new PrintStream(buffer, true,
                StandardCharsets.UTF_8)));
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("GDPR Art. 33 \u2014 personal data breach: notify the supervisory authority by"
                + " 2026-11-23 09:00 Europe/Berlin (2 d 23 h left)"), out);
        assertTrue(out.contains("Task 1: Contain the incident by 2026-11-20 13:00 Europe/Berlin (3 h 0 min left)"),
                out);
        assertTrue(out.endsWith("Nothing is overdue." + System.lineSeparator()), out);
        buffer.reset();
        IncidentClocksTask late = new IncidentClocksTask(Clock.fixed(AWARE.plus(Duration.ofHours(73)), ZoneOffset.UTC));
        assertEquals(IncidentClocksTask.OVERDUE, late.execute(f.store, List.of("-zone", "UTC"), new PrintStream(
                buffer, true, StandardCharsets.UTF_8)));
        out = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("OVERDUE GDPR Art. 33 \u2014 personal data breach: notify the supervisory authority"
                + " by 2026-11-23 08:00 UTC (overdue by 1 h 0 min)"), out);
        assertTrue(out.contains("3 deadlines are overdue."), out);
        assertThrows(IllegalArgumentException.class, () -> late.execute(f.store, List.of("-zone", "Mars/Olympus"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    }
}
