package qms.sop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;

import qms.core.AuditAction;
import qms.core.AuditQuery;
import qms.core.AuthenticationException;
import qms.core.Query;
import qms.core.lifecycle.StepRefusedException;
import qms.model.QmsPackage;
import qms.model.SignatureMeaning;
import qms.sop.model.Sop;
import qms.sop.model.SopVersion;
import qms.sop.model.TrainingRecord;
import qms.testing.ModuleTestStore;

/**
 * Read-and-understood training on the real store: the module's signature meaning, a trainee's acknowledgement signed
 * by the trainee, due within the training window and overdue after it, training on v1 not counting for v2; the tasks
 * each person sees; the controlled copy and the comparison as PDF.
 */
class TrainingTest {

    private static final LocalDate TODAY = SopFixture.TODAY;

    @TempDir
    Path dir;
    private SopFixture f;
    private Sop sop;
    private SopVersion v1;

    @BeforeEach
    void open() throws Exception {
        f = new SopFixture(dir);
        sop = f.sop("SOP-IT-001");
        v1 = f.approved(f.written(f.draft(sop), TODAY), TODAY);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private Training.Cell ivansCell(LocalDate day) {
        return new Training(f.store).matrix(day).cell(f.ivan.getId(), sop.getId());
    }

    @Test
    void aTraineeAcknowledgesTheVersionInForceWithinTheWindowAndOnlyThatVersionCounts() {
        assertTrue(f.store.signatures().meanings().stream().map(SignatureMeaning::getName).anyMatch(
                SopLifecycle.READ_AND_UNDERSTOOD::equals), "the module's meaning is there");
        Training.Cell due = ivansCell(TODAY.plusDays(30));
        assertEquals(Training.State.DUE, due.state(), "30 days' window: due on the last day");
        assertEquals(TODAY.plusDays(30), due.dueBy());
        assertEquals("ivan", due.userId());
        assertEquals(Training.State.OVERDUE, ivansCell(TODAY.plusDays(31)).state());
        Training.Matrix matrix = new Training(f.store).matrix(TODAY);
        assertEquals(List.of("Ivan Engineer"), matrix.people().stream().map(p -> p.getFullName()).toList(),
                "only people of a training role");

        f.test.actAs(SopFixture.IVAN);
        SopLifecycle l = f.lifecycle(TODAY.plusDays(3));
        assertThrows(AuthenticationException.class, () -> l.acknowledge(f.reload(v1), "wrong".toCharArray()));
        TrainingRecord t = l.acknowledge(f.reload(v1), SopFixture.PASSWORD.toCharArray());
        assertEquals(1, f.store.count(Query.of(qms.sop.model.SopPackage.Literals.TRAINING_RECORD)), "the record left"
                + " unsigned by the wrong password was signed, not a second one written");
        assertEquals("Read and understood", f.store.signatures().signatures(t.getId()).get(0).signature()
                .getMeaning());
        assertEquals(Training.State.CURRENT, ivansCell(TODAY.plusDays(90)).state());
        assertTrue(assertThrows(StepRefusedException.class, () -> l.acknowledge(f.reload(v1), SopFixture.PASSWORD
                .toCharArray())).getMessage().contains("ivan acknowledged this version already"));
        assertTrue(f.store.auditTrail().search(AuditQuery.all().withRecord(t.getId()), 0, 10).stream().anyMatch(e -> e
                .action() == AuditAction.SIGNATURE && "ivan".equals(e.user())));

        // v2 in force: the acknowledgement of v1 does not count for it
        SopVersion v2 = f.approved(f.written(f.draft(sop), TODAY.plusDays(10)), TODAY
                .plusDays(10));
        Training.Cell again = ivansCell(TODAY.plusDays(10));
        assertEquals(Training.State.DUE, again.state());
        assertEquals(v2.getId(), again.versionId());

        SopTasks tasks = new SopTasks(f.store, SopFixture.clock(TODAY.plusDays(45)));
        List<SopTasks.Task> all = tasks.all();
        List<SopTasks.Task> ivans = tasks.of("ivan", all);
        assertEquals(1, ivans.size(), ivans.toString());
        assertEquals(SopTasks.Kind.TRAINING, ivans.get(0).kind());
        assertTrue(ivans.get(0).overdue(tasks.now()), "45 days after v2 came into force");
    }

    @Test
    void theTasksShowWhoMaySignWhatAndNeverTheAuthor() {
        SopVersion v2 = f.written(f.draft(sop), TODAY.plusDays(20));
        f.test.actAs(SopFixture.SAM);
        f.lifecycle(TODAY).sendToReview(v2);
        SopTasks tasks = new SopTasks(f.store, SopFixture.clock(TODAY));
        List<SopTasks.Task> all = tasks.all();
        assertEquals(List.of("Sign (Reviewed): Review of SOP-IT-001 v2"), tasks.of("quinn", all).stream().filter(t -> t
                .kind() == SopTasks.Kind.SIGNATURE).map(SopTasks.Task::what).toList());
        assertEquals(List.of(), tasks.of("sam", all).stream().filter(t -> t.kind() == SopTasks.Kind.SIGNATURE)
                .toList(), "the author reviews nothing of his own");
        assertEquals(1, tasks.of("ivan", all).stream().filter(t -> t.kind() == SopTasks.Kind.SIGNATURE).count(),
                "'Reviewed' needs no role: a contributor may review");
        assertEquals(List.of(), tasks.of("audrey", all).stream().filter(t -> t.kind() == SopTasks.Kind.SIGNATURE)
                .toList(), "auditors only read");
        f.test.actAs(ModuleTestStore.QA);
        f.lifecycle(TODAY).review(f.reload(v2), "quinn", SopFixture.QA);
        all = tasks.all();
        assertEquals(List.of("Sign (Approved): Approval of SOP-IT-001 v2"), tasks.of("rita", all).stream().filter(t
                -> t.kind() == SopTasks.Kind.SIGNATURE).map(SopTasks.Task::what).toList());
        assertEquals(List.of(), tasks.of("quinn", all).stream().filter(t -> t.kind() == SopTasks.Kind.SIGNATURE)
                .toList(), "the reviewer asked for the approval: someone else approves");
        assertEquals(List.of(), tasks.of("ivan", all).stream().filter(t -> t.kind() == SopTasks.Kind.SIGNATURE)
                .toList(), "'Approved' needs a QA manager");
    }

    @Test
    void theControlledCopyAndTheComparisonArePdfsThatSayWhatTheyAre() throws Exception {
        SopVersion v2 = f.draft(sop);
        v2.getSteps().add(SopFixture.step(3, "Notify the supervisory authority within 72 hours", f.qa));
        v2 = f.approved(f.written(v2, TODAY), TODAY);
        f.test.actAs(ModuleTestStore.AUDITOR);
        Path copy = dir.resolve("SOP-IT-001-v2.pdf");
        new SopPdf(f.store).controlledCopy(v2, copy);
        String text = text(copy);
        assertTrue(text.contains("SOP-IT-001 v2"), text);
        assertTrue(text.contains("Status: Effective"), text);
        assertTrue(text.contains("uncontrolled when printed"), text);
        assertTrue(text.contains("Page 1 of"), text);
        assertTrue(text.contains("Approved by Rita Approver (rita)"), text);
        assertTrue(text.contains("Reviewed by Quinn QA (quinn)"), text);
        Path diff = dir.resolve("compare.pdf");
        new SopPdf(f.store).comparison(v1, v2, diff);
        String changes = text(diff);
        assertTrue(changes.contains("Notify the supervisory authority within 72 hours"), changes);
        assertTrue(changes.contains("added"), changes);
        assertTrue(f.store.auditTrail().search(AuditQuery.all(), 0, 20).stream().anyMatch(e -> e.action()
                == AuditAction.EXPORT && e.newValue().contains("Controlled copy of SOP-IT-001 v2")), "audited");
    }

    private static String text(Path pdf) throws Exception {
        PdfReader reader = new PdfReader(Files.readAllBytes(pdf));
        try {
            StringBuilder b = new StringBuilder();
            PdfTextExtractor x = new PdfTextExtractor(reader);
            for (int p = 1; p <= reader.getNumberOfPages(); p++) {
                b.append(x.getTextFromPage(p)).append('\n');
            }
            return b.toString();
        } finally {
            reader.close();
        }
    }
}
