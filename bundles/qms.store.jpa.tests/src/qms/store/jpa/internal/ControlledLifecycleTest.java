package qms.store.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.core.AuthenticationException;
import qms.core.CoreModelContribution;
import qms.core.ModelRegistry;
import qms.core.Records;
import qms.core.StoreException;
import qms.core.Trace;
import qms.core.ValidationException;
import qms.core.lifecycle.ControlledLifecycle;
import qms.core.lifecycle.Lifecycle;
import qms.core.lifecycle.StepRefusedException;
import qms.core.lifecycle.Transition;
import qms.model.AccessRole;
import qms.model.Record;
import qms.model.SignOff;

/**
 * The core's controlled lifecycle on the real store, declared by a small test module (a permit that is sent to review
 * and approved): the order in which a step's refusal is found and its sentence, the sign-off a request writes, the
 * signature that moves the record, a request asked for again after a change (the older one waits for nobody), the
 * excluded signer, and that sign-offs and append-only entries never change.
 */
class ControlledLifecycleTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:15:30Z");

    @TempDir
    Path dataDir;
    private final PermitModel m = new PermitModel();
    private Part11Fixture f;
    private ControlledLifecycle<Record> steps;
    private Transition<Record> approve;
    private Transition<Record> submit;
    private Transition<Record> sendBack;
    private Transition<Record> cancel;

    @BeforeEach
    void open() {
        f = new Part11Fixture(dataDir, ModelRegistry.of(List.of(new CoreModelContribution(), DerbyTesting
                .contribution(m.ePackage))));
        f.addUser("sam", "Sam Author", AccessRole.QA_MANAGER);
        f.addUser("quinn", "Quinn Approver", AccessRole.QA_MANAGER);
        approve = Transition.<Record>sign("Approve", "approve", "Approved")
                .from(m.inReview).to(m.approved)
                .states(p -> "Approval of " + name(p), ControlledLifecycleTest::content)
                .current("the permit was changed after it was sent to review; send it again", true)
                .none("it was not sent to review")
                .notBy(p -> (String) p.eGet(m.author), "wrote the permit and may not approve it (separation of"
                        + " duties)").build();
        submit = Transition.<Record>request("Send to Review", "send to review", approve, m.approval)
                .from(m.draft, m.inReview).to(m.inReview)
                .guard(a -> ((List<?>) a.subject().eGet(m.entries)).isEmpty() ? Optional.of("it has no entries")
                        : Optional.empty()).build();
        sendBack = Transition.<Record>direct("Return to Draft", "return to draft").from(m.inReview).to(m.draft)
                .build();
        cancel = Transition.<Record>direct("Cancel", "cancel").from(m.draft).to(m.withdrawn).build();
        steps = new ControlledLifecycle<>(f.store, Clock.fixed(NOW, ZoneOffset.UTC), Lifecycle.of(Record.class,
                m.status, ControlledLifecycleTest::name).end(m.approved, "it is approved already").end(m.withdrawn,
                        "it was withdrawn").transition(submit).transition(approve).transition(sendBack).transition(
                                cancel).build());
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static String name(Record p) {
        return "permit '" + p.eGet(p.eClass().getEStructuralFeature("name")) + "'";
    }

    private static String content(Record p) {
        StringBuilder b = new StringBuilder(name(p)).append('\n');
        for (Object e : (List<?>) p.eGet(p.eClass().getEStructuralFeature("entries"))) {
            b.append("- ").append(((Record) e).eGet(((Record) e).eClass().getEStructuralFeature("text"))).append('\n');
        }
        return b.toString();
    }

    /** A permit written by sam, with one entry, stored. */
    private Record permit(String name) {
        f.actAs("sam");
        Record p = Records.newRecord(m.permit);
        p.eSet(m.name, name);
        p.eSet(m.author, "sam");
        ((List<Record>) p.eGet(m.entries)).add(entry("Hot work in the server room"));
        f.store.save(p, null);
        return f.store.get(p.getId());
    }

    private Record entry(String text) {
        Record e = Records.newRecord(m.entry);
        e.eSet(m.text, text);
        return e;
    }

    private String refusal(Runnable step) {
        return assertThrows(StepRefusedException.class, step::run).getMessage();
    }

    @Test
    void aRequestWritesItsSignOffAndAnotherPersonsSignatureMovesTheRecord() {
        Record p = permit("P-1");
        assertEquals(Optional.of("its status is Draft, not In review"), steps.whyNot(approve, p, "quinn"),
                "the state is checked first");
        SignOff s = steps.request(submit, p);
        assertEquals(m.inReview, f.store.get(p.getId()).eGet(m.status), "the request moved it, in the same save");
        assertEquals(List.of("Approve", "Approved", "sam", "Approval of permit 'P-1'"), List.of(s.getStep(),
                s.getMeaning(), s.getRequestedBy(), s.getTitle()));
        assertEquals("permit 'P-1'\n- Hot work in the server room\n", s.getStatement());
        assertEquals(NOW, s.getRequestedAt().toInstant());
        assertEquals(p.getId(), Records.id(s.getSubject()));
        assertEquals(List.of(s.getId()), steps.waiting(p).stream().map(SignOff::getId).toList());
        assertEquals(Optional.of("'Approve' was asked for already and waits for its signature"), steps.whyNot(
                submit, p, "sam"), "nothing changed: asking again is refused");

        assertEquals(Optional.of("sam wrote the permit and may not approve it (separation of duties)"), steps
                .whyNot(approve, p, "sam"));
        assertEquals("Cannot approve permit 'P-1': sam wrote the permit and may not approve it (separation of"
                + " duties). Nothing was changed.", refusal(() -> steps.sign(approve, p, "sam", Part11Fixture
                        .PASSWORD)));
        f.actAs("quinn");
        assertThrows(AuthenticationException.class, () -> steps.sign(approve, p, "quinn", "wrong".toCharArray()));
        assertEquals(m.inReview, f.store.get(p.getId()).eGet(m.status), "a refused signature moves nothing");
        assertFalse(steps.isSigned(s));

        steps.sign(approve, p, "quinn", Part11Fixture.PASSWORD);
        assertEquals(m.approved, p.eGet(m.status), "moved in the object the caller holds (a form's)");
        assertEquals(m.approved, f.store.get(p.getId()).eGet(m.status));
        assertTrue(steps.isSigned(s));
        assertEquals("Quinn Approver", steps.signature(s).orElseThrow().signature().getPrintedName());
        assertEquals(List.of(), steps.waiting(p));
        for (Transition<Record> t : List.of(submit, approve, sendBack, cancel)) {
            assertEquals(Optional.of("it is approved already"), steps.whyNot(t, p, "quinn"), t.name());
        }
        assertEquals("[ Draft ]", steps.track(permit("P-2")).split("  \u2192  ")[0]);
        assertTrue(steps.track(p).contains("[ Approved ]"), steps.track(p));
    }

    @Test
    void aPermitChangedInReviewIsSentAgainAndTheOlderRequestWaitsForNobody() {
        Record p = permit("P-1");
        SignOff first = steps.request(submit, p);
        Record changed = f.store.get(p.getId());
        changed.eSet(m.name, "P-1 (hot work and welding)");
        f.store.save(changed, null);
        f.actAs("quinn");
        assertEquals(Optional.of("the permit was changed after it was sent to review; send it again"), steps.whyNot(
                approve, changed, "quinn"), "what was requested is not what would be signed");
        f.actAs("sam");
        SignOff second = steps.request(submit, changed);
        List<SignOff> all = steps.signOffs(changed);
        assertEquals(List.of(first.getId(), second.getId()), all.stream().map(SignOff::getId).toList());
        assertEquals(List.of(true, false), all.stream().map(o -> steps.superseded(o, all)).toList());
        assertEquals(List.of(second.getId()), steps.waiting(changed).stream().map(SignOff::getId).toList());

        // back to draft: the request waits for nobody until the permit is sent again
        Record back = steps.run(sendBack, f.store.get(p.getId()));
        assertEquals(m.draft, f.store.get(p.getId()).eGet(m.status));
        assertEquals(List.of(), steps.waiting(back), "nothing waits for a signature on a draft");
        assertEquals(Optional.of("its status is Draft, not In review"), steps.whyNot(approve, back, "quinn"));
        steps.request(submit, back); // unchanged, but sent again from Draft: allowed
        f.actAs("quinn");
        steps.sign(approve, back, "quinn", Part11Fixture.PASSWORD);
        assertEquals(3, steps.signOffs(back).size());
        assertEquals(1, steps.signOffs(back).stream().filter(steps::isSigned).count(), "only the newest is signed");
        assertTrue(refusal(() -> steps.run(cancel, f.store.get(p.getId()))).endsWith(": it is approved already."
                + " Nothing was changed."));
    }

    @Test
    void aModuleGuardSpeaksLastAndARefusedRequestWritesNothing() {
        f.actAs("sam");
        Record p = Records.newRecord(m.permit);
        p.eSet(m.name, "P-3");
        f.store.save(p, null);
        Record stored = f.store.get(p.getId());
        long before = f.store.count(qms.core.Query.of(m.approval));
        assertEquals("Cannot send to review permit 'P-3': it has no entries. Nothing was changed.", refusal(
                () -> steps.request(submit, stored)));
        assertEquals(before, f.store.count(qms.core.Query.of(m.approval)));
        assertEquals(m.draft, f.store.get(p.getId()).eGet(m.status));
        steps.run(cancel, stored);
        assertEquals(Optional.of("it was withdrawn"), steps.whyNot(submit, stored, "sam"), "an end state's own"
                + " reason comes before all others");
    }

    @Test
    void signOffsAndAppendOnlyEntriesNeverChangeOnceSaved() {
        Record p = permit("P-1");
        SignOff s = steps.request(submit, p);
        SignOff loaded = (SignOff) f.store.get(s.getId());
        loaded.setStatement("Something else was approved");
        ValidationException changed = assertThrows(ValidationException.class, () -> f.store.save(loaded, null));
        assertTrue(changed.getMessage().contains("Statement cannot be changed: a permit approval is never changed"),
                changed.getMessage());
        assertTrue(changed.getMessage().endsWith("Nothing was saved."), changed.getMessage());
        assertEquals("permit 'P-1'\n- Hot work in the server room\n", ((SignOff) f.store.get(s.getId()))
                .getStatement());
        StoreException deleted = assertThrows(StoreException.class, () -> f.store.delete(f.store.get(s.getId()),
                "mistake", true));
        assertTrue(deleted.getMessage().contains("cannot be deleted"), deleted.getMessage());

        Record again = f.store.get(p.getId());
        ((List<Record>) again.eGet(m.entries)).add(entry("Fire watch for an hour after"));
        f.store.save(again, null); // a new entry may be added
        Record twice = f.store.get(p.getId());
        assertEquals(2, ((List<?>) twice.eGet(m.entries)).size());
        Record first = (Record) ((List<?>) twice.eGet(m.entries)).get(0);
        first.eSet(m.text, "Cold work");
        twice.eSet(m.name, "P-1 renamed with it");
        ValidationException edited = assertThrows(ValidationException.class, () -> f.store.save(twice, null));
        assertTrue(edited.getMessage().startsWith("Entry 'Cold work': Text cannot be changed (it was 'Hot work in the"
                + " server room'): an entry is never changed or removed once saved"), edited.getMessage());
        Record thrice = f.store.get(p.getId());
        assertEquals("P-1", thrice.eGet(m.name), "nothing of the refused save was written");
        ((List<?>) thrice.eGet(m.entries)).remove(0);
        ValidationException removed = assertThrows(ValidationException.class, () -> f.store.save(thrice, null));
        assertTrue(removed.getMessage().contains("Entries cannot be changed: an entry is never changed or removed"),
                removed.getMessage());
        assertEquals(2, ((List<?>) f.store.get(p.getId()).eGet(m.entries)).size());

        List<Trace.Step> trace = Trace.steps(f.store, p);
        assertTrue(trace.stream().anyMatch(t -> t.direction() == Trace.Direction.IN && "Sign-off".equals(t
                .relation()) && t.record().getId().equals(s.getId())), trace.toString());
    }
}
