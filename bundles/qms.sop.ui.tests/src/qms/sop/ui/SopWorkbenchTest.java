package qms.sop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.AccessRole;
import qms.model.Person;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.model.Role;
import qms.model.UserAccount;
import qms.sop.core.SopLifecycle;
import qms.sop.core.SopVersions;
import qms.sop.model.EscalationRule;
import qms.sop.model.Incident;
import qms.sop.model.IncidentCategory;
import qms.sop.model.IncidentStatus;
import qms.sop.model.ProcedureStep;
import qms.sop.model.RegulatoryClock;
import qms.sop.model.Severity;
import qms.sop.model.Sop;
import qms.sop.model.SopPackage;
import qms.sop.model.SopVersion;
import qms.sop.model.VersionStatus;
import qms.ui.QmsUi;
import qms.ui.Session;
import qms.ui.editor.RecordEditor;
import qms.ui.editor.RecordEditorInput;
import qms.ui.security.SignatureDialog;
import qms.ui.testing.Bot;
import qms.ui.testing.EditorBot;
import qms.ui.testing.Sessions;
import qms.ui.testing.ShellBot;
import qms.ui.testing.SignedInApplication;
import qms.ui.testing.TableBot;
import qms.ui.testing.WorkbenchBot;

/**
 * The incident-response module in the real workbench, as a QA manager uses it: an SOP version written by its author
 * is sent to review, reviewed and approved with electronic signatures in the Lifecycle dialog and comes into force;
 * the QA manager acknowledges it ("Read and understood") and the training matrix shows it current; the next version
 * is compared with it step by step. An incident is handled under the effective version (its steps become tasks, due
 * by the escalation matrix) and its GDPR clock, overdue, is met late with the reason the dialog insists on.
 */
class SopWorkbenchTest {

    private final Bot bot = new Bot();
    private final WorkbenchBot workbench = bot.workbench();
    private final RecordStore store = QmsUi.get().store();
    private static final String RITA_PASSWORD = "rita's own passphrase";

    private final String tag = UUID.randomUUID().toString().substring(0, 6);

    @AfterEach
    void reset() {
        workbench.resetWorkbench();
        if (Session.principal() != null && !SignedInApplication.ADMIN.equals(Session.principal().userId())) {
            Sessions.backToAdministrator(bot, workbench);
        }
    }

    @Test
    void aVersionIsReviewedApprovedTrainedAndComparedInTheWorkbench() {
        Role it = role();
        Person me = trainee(it);
        Sop sop = sop();
        SopVersion v1 = written(SopVersions.newVersion(store, sop), it);

        EditorBot form = open(v1);
        form.bot().toolItem("Lifecycle\u2026").click();
        ShellBot dialog = bot.shell(VersionLifecycleAction.TITLE);
        assertFalse(dialog.button("Approve\u2026").isEnabled(), "not reviewed yet");
        dialog.button("Send to Review").click();
        bot.waitUntil(() -> dialog.table().rowCount() == 1, "the review request in the history");
        assertEquals("waits for \u201cReviewed\u201d", dialog.table().cell(0, 2));
        assertEquals(VersionStatus.IN_REVIEW, reload(v1).getStatus());

        dialog.button("Review\u2026").click();
        sign(v1.getPurpose(), SignedInApplication.ADMIN, SignedInApplication.ADMIN_PASSWORD);
        bot.waitUntil(() -> dialog.table().rowCount() == 2, "the approval request the review made");
        assertEquals("waits for \u201cApproved\u201d", dialog.table().cell(1, 2));
        assertTrue(dialog.labelTexts().stream().anyMatch(l -> l.startsWith("Not now: ") && l.contains(
                "must come from someone else")), "the reviewer does not approve too: " + dialog.labelTexts());
        dialog.button("Close").click();
        form.close();

        String ritaId = "rita." + tag;
        Sessions.createUser(ritaId, "Rita Approver", "temporary password 1", AccessRole.QA_MANAGER);
        Sessions.signInAs(bot, workbench, ritaId, "temporary password 1", RITA_PASSWORD);
        try {
            EditorBot approving = open(reload(v1));
            approving.bot().toolItem("Lifecycle\u2026").click();
            ShellBot approval = bot.shell(VersionLifecycleAction.TITLE);
            approval.button("Approve\u2026").click();
            sign("Contain the incident", ritaId, RITA_PASSWORD);
            bot.waitUntil(() -> reload(v1).getStatus() == VersionStatus.EFFECTIVE, "in force on its effective date,"
                    + " today");
            assertNotNull(reload(v1).getApprovedOn());
            approval.button("Close").click();
            approving.close();
        } finally {
            Sessions.backToAdministrator(bot, workbench);
        }

        EditorBot effective = open(reload(v1));
        TableBot steps = effective.bot().tableWithLabel("Steps");
        bot.waitUntil(() -> steps.rowCount() == v1.getSteps().size(), "the steps are listed");
        int number = steps.columnTitles().indexOf("Number");
        assertTrue(number >= 0, steps.columnTitles().toString());
        String why = steps.hover(0, number);
        assertTrue(why != null && why.startsWith("Only a draft is edited"), "a cell shown whole keeps the reason"
                + " the list of an effective version is locked: " + why);
        qms.ui.testing.ButtonBot add = effective.bot().buttonWithLabel("Steps", "Add");
        assertFalse(add.isEnabled(), "no step is added to it");
        org.eclipse.swt.widgets.Control addButton = (org.eclipse.swt.widgets.Control) add.widget();
        assertEquals(bot.syncExec(() -> addButton.getDisplay().getSystemColor(org.eclipse.swt.SWT
                .COLOR_WIDGET_DISABLED_FOREGROUND).getRGB()), bot.syncExec(() -> addButton.getForeground().getRGB()),
                "and it looks it: its text is grey, not the form's black (with which GTK paints a disabled one)");
        steps.select(0); // a locked list is still read: its rows are selected, scrolled, their cells' tips shown
        assertFalse(effective.bot().buttonWithLabel("Steps", "Edit\u2026").isEnabled(), "nor edited");
        assertFalse(effective.bot().buttonWithLabel("Steps", "Remove").isEnabled(), "nor removed");
        effective.bot().toolItem("Lifecycle\u2026").click();
        ShellBot training = bot.shell(VersionLifecycleAction.TITLE);
        training.button("Acknowledge Training\u2026").click();
        sign("have read and understood", SignedInApplication.ADMIN, SignedInApplication.ADMIN_PASSWORD);
        bot.waitUntil(() -> new SopLifecycle(store).acknowledged(reload(v1), SignedInApplication.ADMIN),
                "the acknowledgement signed");
        bot.waitUntil(() -> !training.button("Acknowledge Training\u2026").isEnabled(), "once only");
        training.button("Close").click();
        effective.close();

        workbench.menu("Incident Response", "Training Matrix").click();
        TableBot matrix = workbench.view("Training Matrix").bot().table();
        int column = matrix.columnTitles().indexOf(sop.getNumber());
        assertTrue(column > 0, matrix.columnTitles().toString());
        bot.waitUntil(() -> rowOf(matrix, me.getFullName()) >= 0, "the trainee's row");
        assertEquals("v1: current", matrix.cell(rowOf(matrix, me.getFullName()), column), "the SOP is the column");

        SopVersion v2 = SopVersions.newVersion(store, reload(sop));
        v2.getSteps().get(1).setAction("Assess the impact on trial data and subjects");
        v2.getSteps().add(step(3, "Notify the sponsor", it));
        store.save(v2, null);
        EditorBot second = open(reload(v2));
        second.bot().toolItem("Compare\u2026").click();
        ShellBot compare = bot.shell(CompareDialog.TITLE);
        TableBot changes = compare.table();
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < changes.rowCount(); i++) {
            rows.add(changes.cell(i, 2) + "|" + changes.cell(i, 3) + "|" + changes.cell(i, 4));
        }
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("changed|") && r.contains("Assess the impact|") && r
                .endsWith("on trial data and subjects")) || rows.stream().anyMatch(r -> r.startsWith("changed|")
                        && r.contains("on trial data and subjects")), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("added|") && r.contains("Notify the sponsor")),
                rows.toString());
        assertEquals(List.of("Field", "Row", "Change", SopVersions.name(v1), SopVersions.name(v2)), changes
                .columnTitles());
        compare.button("Close").click();
        second.close();
    }

    @Test
    void anIncidentHandledUnderTheSopGetsTasksAndItsLateNotificationNeedsAReason() {
        Role it = role();
        trainee(it);
        Sop sop = sop();
        SopVersion v = onPaper(sop, it);
        Instant aware = Instant.now().minus(Duration.ofHours(80));
        Incident incident = Records.newRecord(SopPackage.Literals.INCIDENT);
        incident.setTitle("Ransomware on the file server " + tag);
        incident.setCategory(IncidentCategory.values()[0]);
        incident.setSeverity(Severity.HIGH);
        incident.setDetectedAt(Date.from(aware));
        incident.setAwareAt(Date.from(aware));
        incident.setPersonalData(true);
        store.save(incident, null);
        Incident saved = (Incident) store.get(incident.getId());

        // at 1280 × 800 no control of the form is out of reach: its eight actions (a tool bar, which does not wrap)
        // once made the whole form wider than the editor
        org.eclipse.swt.widgets.Shell window = workbench.shell().widget();
        org.eclipse.swt.graphics.Rectangle before = bot.syncExec(() -> window.getBounds());
        boolean maximized = bot.syncExec(() -> window.getMaximized());
        try {
            bot.syncExec(() -> {
                window.setMaximized(false);
                window.setBounds(0, 0, 1280, 800);
            });
            EditorBot small = open(saved);
            bot.waitUntil(() -> bot.syncExec(() -> window.getSize().x) == 1280, "the window at 1280 pixels");
            List<String> beyond = small.controlsBeyondRightEdge();
            assertTrue(beyond.isEmpty(), "controls beyond the incident form's right edge: " + beyond);
            small.close();
        } finally {
            bot.syncExec(() -> {
                window.setBounds(before);
                window.setMaximized(maximized);
            });
        }

        EditorBot form = open(saved);
        form.bot().toolItem("Handle under SOP\u2026").click();
        ShellBot choose = bot.shell(HandleUnderSopAction.TITLE);
        choose.text(0).setText(sop.getNumber());
        bot.waitUntil(() -> choose.table().rowCount() == 1, "the SOP's effective version alone");
        choose.table().select(0);
        choose.button("OK").click();
        bot.waitUntil(() -> ((Incident) store.get(saved.getId())).getSopVersion() != null, "handled under it");
        Incident handled = (Incident) store.get(saved.getId());
        assertEquals(v.getId(), handled.getSopVersion().getId());
        assertEquals(2, handled.getTasks().size());
        assertEquals(Date.from(aware.plus(Duration.ofHours(4))), handled.getTasks().get(0).getDue(),
                "High: IT within 4 hours of awareness");

        form.bot().toolItem("Notification Clocks\u2026").click();
        ShellBot clocks = bot.shell(ClocksDialog.TITLE);
        TableBot deadlines = clocks.table();
        int gdpr = rowStartingWith(deadlines, "GDPR Art. 33");
        assertTrue(gdpr >= 0, "personal data: GDPR applies");
        assertEquals("overdue", deadlines.cell(gdpr, 4));
        deadlines.select(gdpr);
        clocks.button("Record Notification\u2026").click();
        ShellBot notify = bot.shell(NotificationDialog.TITLE);
        notify.textWithLabel("Their reference").setText("DPA-" + tag);
        notify.button("OK").click();
        notify.widget(Text.class, t -> t.getText().contains("Reason for delay: the notification was sent after its"
                + " deadline"), "the refusal naming the field");
        assertTrue(((Incident) store.get(saved.getId())).getNotifications().isEmpty(), "nothing written");
        notify.textWithLabel("Reason for delay").setText("The DPO was reachable only on Monday");
        notify.button("OK").click();
        bot.waitUntil(() -> !notify.isOpen(), "recorded");
        bot.waitUntil(() -> "met late".equals(deadlines.cell(rowStartingWith(deadlines, "GDPR Art. 33"), 4)),
                "the deadline met late");
        Incident notified = (Incident) store.get(saved.getId());
        assertEquals(1, notified.getNotifications().size());
        assertEquals(RegulatoryClock.GDPR_ART33, notified.getNotifications().get(0).getClock());
        assertEquals("The DPO was reachable only on Monday", notified.getNotifications().get(0).getDelayReason());
        assertTrue(notified.getTimeline().stream().anyMatch(e -> e.getText().startsWith("Notified ")),
                "the timeline says so");
        clocks.button("Close").click();
        form.close();

        // the timeline is append-only in the form too: saved entries are neither edited nor removed
        EditorBot again = open(notified);
        TableBot timeline = again.bot().tableWithLabel("Timeline");
        assertTrue(timeline.rowCount() >= 2, "handled under the SOP, notified");
        timeline.select(0);
        assertFalse(again.bot().buttonWithLabel("Timeline", "Edit\u2026").isEnabled(), "a saved entry is not edited");
        assertFalse(again.bot().buttonWithLabel("Timeline", "Remove").isEnabled(), "nor removed");
        assertTrue(again.bot().buttonWithLabel("Timeline", "Add").isEnabled(), "a new one is added");
        again.close();

        workbench.menu("Incident Response", "Open Incidents").click();
        TableBot open = workbench.view("Open Incidents").bot().table();
        bot.waitUntil(() -> rowStartingWith(open, Records.label(notified)) >= 0 || contains(open, incident
                .getTitle()), "the incident among the open ones");
    }

    @Test
    void theReviewIsSubmittedByOneAndApprovedByAnotherQaManagerWhichClosesTheIncidentAndOpensItsCapa() {
        Role it = role();
        Sop sop = sop();
        SopVersion v = onPaper(sop, it);
        Incident incident = Records.newRecord(SopPackage.Literals.INCIDENT);
        incident.setTitle("Outage of the IWRS " + tag);
        incident.setCategory(IncidentCategory.OUTAGE);
        incident.setSeverity(Severity.HIGH);
        Instant aware = Instant.now().minus(Duration.ofHours(2));
        incident.setDetectedAt(Date.from(aware));
        incident.setAwareAt(Date.from(aware));
        store.save(incident, null);
        Incident handled = new qms.sop.core.Incidents(store).handleUnder((Incident) store.get(incident.getId()), v);
        handled.getTasks().forEach(t -> t.setStatus(qms.sop.model.TaskStatus.DONE));
        store.save(handled, null);

        EditorBot form = open(store.get(incident.getId()));
        form.bot().toolItem("Lifecycle\u2026").click();
        ShellBot lifecycle = bot.shell(IncidentLifecycleAction.TITLE);
        for (String step : List.of("Mark Contained", "Mark Eradicated", "Mark Recovered")) {
            lifecycle.button(step).click(); // one dialog, one step after the other
        }
        bot.waitUntil(() -> ((Incident) store.get(incident.getId())).getStatus() == IncidentStatus.RECOVERED,
                "recovered: " + ((Incident) store.get(incident.getId())).getStatus());
        lifecycle.button("Submit Post-incident Review\u2026").click();
        ShellBot review = bot.shell(IncidentReviewDialog.TITLE);
        assertFalse(review.button("Submit").isEnabled(), "nothing written yet");
        review.textWithLabel("Root cause").setText("A failed disk controller, monitoring alerted nobody");
        review.textWithLabel("Lessons learnt").setText("Alerts go to the on-call phone");
        assertTrue(review.checkBox("A CAPA is needed").isChecked(), "a CAPA is asked for unless unticked");
        review.button("Submit").click();
        bot.waitUntil(() -> lifecycle.table().rowCount() == 1, "the review waits for its approval");
        assertTrue(lifecycle.labelTexts().stream().anyMatch(l -> l.startsWith("Not now: " + SignedInApplication.ADMIN
                + " may not sign \u201cApproved\u201d")), "who submitted does not approve: " + lifecycle.labelTexts());
        lifecycle.button("Close").click();
        form.close();

        String ritaId = "rita." + tag;
        Sessions.createUser(ritaId, "Rita Approver", "temporary password 1", AccessRole.QA_MANAGER);
        Sessions.signInAs(bot, workbench, ritaId, "temporary password 1", RITA_PASSWORD);
        EditorBot approving = open(store.get(incident.getId()));
        approving.bot().toolItem("Lifecycle\u2026").click();
        ShellBot approval = bot.shell(IncidentLifecycleAction.TITLE);
        approval.button("Approve Review and Close\u2026").click();
        sign("Root cause: A failed disk controller", ritaId, RITA_PASSWORD);
        bot.waitUntil(() -> ((Incident) store.get(incident.getId())).getStatus() == IncidentStatus.CLOSED, "closed");
        var capa = qms.sop.core.IncidentLifecycle.capaOf(store, (Incident) store.get(incident.getId()));
        assertTrue(capa.isPresent(), "the CAPA module is installed here: the review opened its CAPA");
        assertEquals("Capa", capa.get().eClass().getName());
        assertTrue(String.valueOf(capa.get().eGet(capa.get().eClass().getEStructuralFeature("title"))).startsWith(
                "Follow-up of"), capa.get().toString());
        approval.widget(Text.class, t -> t.getText().contains("(CAPA "), "the dialog's note naming the CAPA");
        approval.button("Close").click();
        approving.close();
    }

    // ------------------------------------------------------------------------------------------ fixture

    private Role role() {
        Role r = Records.newRecord(QmsPackage.Literals.ROLE);
        r.setName("IT Operations " + tag);
        store.save(r, null);
        return (Role) store.get(r.getId());
    }

    /** The administrator's person, holding the role: the one to be trained. */
    private Person trainee(Role it) {
        Person p = Records.newRecord(QmsPackage.Literals.PERSON);
        p.setFullName("Quinn Trainee " + tag);
        p.getRoles().add(it);
        store.save(p, null);
        UserAccount a = admin();
        a.setPerson((Person) store.get(p.getId()));
        store.save(a, null);
        return (Person) store.get(p.getId());
    }

    private UserAccount admin() {
        UserAccount admin = store.list(Query.of(QmsPackage.Literals.USER_ACCOUNT)).stream().map(UserAccount.class::cast)
                .filter(a -> a.getUserId().equals(SignedInApplication.ADMIN)).findFirst().orElseThrow();
        return (UserAccount) store.get(admin.getId());
    }

    private Sop sop() {
        Sop sop = Records.newRecord(SopPackage.Literals.SOP);
        sop.setNumber("SOP-IT-" + tag);
        sop.setTitle("IT Security Incident Response");
        sop.setArea("IT Security");
        sop.setOwner(admin());
        store.save(sop, null);
        return (Sop) store.get(sop.getId());
    }

    /** Written in full by Sam, an SOP author (not the administrator, who reviews and approves it). */
    private SopVersion written(SopVersion draft, Role it) {
        UserAccount sam = Sessions.createUser("sam." + tag, "Sam Author", "temporary password 1",
                AccessRole.SOP_AUTHOR);
        draft.setAuthor((UserAccount) store.get(sam.getId()));
        draft.setPurpose("Respond to IT security incidents " + tag + ".");
        draft.setScope("All GxP systems.");
        draft.setEffectiveDate(Date.from(LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant()));
        draft.getSteps().add(step(1, "Contain the incident", it));
        draft.getSteps().add(step(2, "Assess the impact", it));
        EscalationRule high = Records.newRecord(SopPackage.Literals.ESCALATION_RULE);
        high.setSeverity(Severity.HIGH);
        high.setNotify("IT on call");
        high.setRole(it);
        high.setWithinHours(4);
        draft.getEscalation().add(high);
        draft.getTrainingRoles().add(it);
        store.save(draft, null);
        return reload(draft);
    }

    /** Its first version, approved on paper before the suite was used and in force (as a legacy SOP is entered). */
    private SopVersion onPaper(Sop sop, Role it) {
        SopVersion v = Records.newRecord(SopPackage.Literals.SOP_VERSION);
        v.setSop(sop);
        v.setNumber(sop.getNumber());
        v.setVersionNumber(1);
        v.setTitle(sop.getTitle());
        v.setStatus(VersionStatus.EFFECTIVE);
        v.setApprovedOnPaper("Paper approval QA-" + tag + ", binder 3");
        return written(v, it);
    }

    private static ProcedureStep step(int n, String action, Role role) {
        ProcedureStep p = Records.newRecord(SopPackage.Literals.PROCEDURE_STEP);
        p.setNumber(n);
        p.setAction(action);
        p.setRole(role);
        return p;
    }

    private SopVersion reload(SopVersion v) {
        return (SopVersion) store.get(v.getId());
    }

    private Sop reload(Sop s) {
        return (Sop) store.get(s.getId());
    }

    private EditorBot open(Record r) {
        bot.syncExec(() -> {
            try {
                PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().openEditor(RecordEditorInput.of(
                        r), RecordEditor.ID);
            } catch (org.eclipse.ui.PartInitException e) {
                throw new IllegalStateException(e);
            }
        });
        return workbench.activeEditor();
    }

    /** Signs in the signature dialog, after checking what is signed is shown. */
    private void sign(String shownText, String userId, String password) {
        ShellBot sign = bot.shell(SignatureDialog.TITLE);
        sign.widget(Text.class, t -> t.getText().contains(shownText), "what is signed: " + shownText);
        qms.ui.testing.Sessions.fillSignature(sign, userId, password);
        sign.button("Sign").click();
        bot.waitUntil(() -> !sign.isOpen(), "signed");
    }

    private static int rowOf(TableBot t, String first) {
        for (int i = 0; i < t.rowCount(); i++) {
            if (first.equals(t.cell(i, 0))) {
                return i;
            }
        }
        return -1;
    }

    private static int rowStartingWith(TableBot t, String prefix) {
        for (int i = 0; i < t.rowCount(); i++) {
            if (t.cell(i, 0).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean contains(TableBot t, String text) {
        for (int i = 0; i < t.rowCount(); i++) {
            if (t.cell(i, 0).contains(text)) {
                return true;
            }
        }
        return false;
    }
}
