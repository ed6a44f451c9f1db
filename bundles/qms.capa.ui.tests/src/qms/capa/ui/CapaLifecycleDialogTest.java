package qms.capa.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import qms.capa.core.CapaLifecycle;
import qms.capa.core.CapaTemplates;
import qms.capa.model.Capa;
import qms.capa.model.CapaStatus;
import qms.capa.model.PlanApproval;
import qms.capa.model.RootCauseMethod;
import qms.core.Principal;
import qms.core.RecordStore;
import qms.model.AccessRole;
import qms.model.UserAccount;
import qms.ui.QmsUi;
import qms.ui.Session;
import qms.ui.security.SignatureDialog;
import qms.ui.testing.Bot;
import qms.ui.testing.EditorBot;
import qms.ui.testing.Sessions;
import qms.ui.testing.ShellBot;
import qms.ui.testing.SignedInApplication;
import qms.ui.testing.TableBot;
import qms.ui.testing.WorkbenchBot;

/**
 * A CAPA's lifecycle in the real workbench: its owner, a contributor, submits the plan in the Lifecycle dialog (the
 * approval is not his to give, and the dialog says why); a QA manager approves it with an electronic signature in
 * the dialog, a wrong password first; the sign-off and its signature show in the history, and in the tasks view.
 */
class CapaLifecycleDialogTest {

    private final Bot bot = new Bot();
    private final WorkbenchBot workbench = bot.workbench();
    private final RecordStore store = QmsUi.get().store();

    @AfterEach
    void backToTheAdministrator() {
        Principal p = Session.principal();
        workbench.resetWorkbench();
        if (p != null && !SignedInApplication.ADMIN.equals(p.userId())) {
            Sessions.backToAdministrator(bot, workbench);
        }
    }

    private EditorBot open(String title) {
        workbench.view("Records").bot().tree().getTreeItem(t -> t.startsWith("CAPAs ("), "CAPA group").expand()
                .getNode(title).doubleClick();
        return workbench.editor(title);
    }

    /** A saved CAPA from a template, titled {@code title} and a tag, owned (with its actions) by a new contributor. */
    private Capa ownedCapa(String title) {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        UserAccount owner = Sessions.createUser("owner." + tag, "Olga Owner", "temporary password 1",
                AccessRole.CONTRIBUTOR);
        Capa capa = CapaTemplates.newCapa(CapaTemplates.all().get(5), LocalDate.now());
        capa.setTitle(title + " " + tag);
        capa.setOwner(owner);
        capa.getActions().forEach(a -> a.setOwner(owner));
        store.save(capa, null);
        QmsUi.get().changed(List.of());
        return capa;
    }

    @Test
    void myTasksPaintsItsRowsAsSoonAsItOpens() {
        Capa mine = ownedCapa("Painted at once");
        hideTasks(); // made anew, as at its first opening in a session
        // its owner signs in: in "Only mine" as the view opens, its rows are read while it is being made, before the
        // table has a size (a filter clicked later reads them again into a table with a size, which GTK paints)
        Sessions.signInAs(bot, workbench, mine.getOwner().getUserId(), "temporary password 1", "the owner's own"
                + " passphrase 1");

        workbench.menu("CAPA", "My Tasks / Overdue").click();
        var view = workbench.view("CAPA Tasks").bot();
        TableBot tasks = view.table();
        bot.waitUntil(() -> tasks.rowCount() > 0, "the tasks are listed");
        org.eclipse.swt.widgets.Table table = (org.eclipse.swt.widgets.Table) tasks.widget();
        bot.sleep(500); // what is painted is painted now; nothing is resized meanwhile
        org.eclipse.swt.graphics.Rectangle firstRow = bot.syncExec(() -> {
            org.eclipse.swt.graphics.Rectangle r = table.getItem(0).getBounds();
            return new org.eclipse.swt.graphics.Rectangle(0, r.y, Math.min(table.getClientArea().width, 600),
                    r.height);
        });
        assertTrue(bot.inkedPixels(table, firstRow) > 20, "the first row's text is painted, without a resize");
        hideTasks(); // the next test opens it with its filters as they start
    }

    @Test
    void aFormsListShowsACellItsColumnCutsOffWholeInItsTooltip() {
        Capa capa = ownedCapa("Cut cells");
        String description = capa.getActions().get(0).getDescription();

        EditorBot form = open(capa.getTitle());
        TableBot actions = form.bot().tableWithLabel("Actions");
        bot.waitUntil(() -> actions.rowCount() == capa.getActions().size(), "the actions are listed");
        int column = actions.columnTitles().indexOf("Description");
        assertTrue(column >= 0, actions.columnTitles().toString());
        org.eclipse.swt.widgets.Table table = (org.eclipse.swt.widgets.Table) actions.widget();
        boolean cut = bot.syncExec(() -> {
            org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(table);
            try {
                return gc.textExtent(description).x > table.getColumn(column).getWidth();
            } finally {
                gc.dispose();
            }
        });
        assertTrue(cut, "the template's first action is wider than its column: " + description);
        assertEquals(description, actions.hover(0, column), "the tooltip has it whole");
        int kind = actions.columnTitles().indexOf("Kind");
        assertEquals(null, actions.hover(0, kind), "a cell shown whole has no tooltip: " + actions.cell(0, kind));
        form.close();
    }

    private void hideTasks() {
        workbench.hideView(CapaTasksView.ID);
    }

    @Test
    void theStatusIsShownAsTextChangedByTheLifecycleNotAsADropDown() {
        Capa capa = ownedCapa("Status shown");

        EditorBot form = open(capa.getTitle());
        qms.ui.testing.TextBot status = form.bot().textWithLabel("Status");
        assertEquals("Open", status.getText());
        assertFalse(status.isEditable(), "shown, not typed in");
        assertTrue(form.bot().labelTexts().contains("changed by Lifecycle\u2026"), form.bot().labelTexts()
                .toString());
        // no control out of reach: the form is no wider than the editor shows it, its choices wrap in it
        List<String> beyond = form.controlsBeyondRightEdge();
        assertTrue(beyond.isEmpty(), "controls beyond the editor's right edge: " + beyond);
        form.close();
    }

    @Test
    void theOwnerSubmitsThePlanAndAQaManagerSignsItsApproval() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String carlId = "carl." + tag;
        UserAccount carl = Sessions.createUser(carlId, "Carl Contributor", "temporary password 1",
                AccessRole.CONTRIBUTOR);
        Capa capa = CapaTemplates.newCapa(CapaTemplates.all().get(5), LocalDate.now());
        capa.setTitle("Quarterly restoration tests " + tag);
        capa.setOwner(carl);
        capa.setRootCauseMethod(RootCauseMethod.OTHER);
        capa.setRootCause("Restores of the EDC were never tested");
        capa.getActions().forEach(a -> a.setOwner(carl));
        store.save(capa, null);
        QmsUi.get().changed(List.of());

        Sessions.signInAs(bot, workbench, carlId, "temporary password 1", "carl's own passphrase");
        EditorBot form = open(capa.getTitle());
        form.bot().toolItem("Lifecycle\u2026").click();
        ShellBot dialog = bot.shell(CapaLifecycleDialog.TITLE);
        assertFalse(dialog.button("Approve Plan\u2026").isEnabled());
        assertTrue(dialog.labelTexts().contains("Not now: no plan was submitted for approval."),
                dialog.labelTexts().toString());
        assertFalse(dialog.button("Start Work").isEnabled());
        dialog.button("Submit Plan for Approval").click();
        bot.waitUntil(() -> dialog.table().rowCount() == 1, "the plan's sign-off in the history");
        TableBot history = dialog.table();
        assertEquals("Plan approval of '" + capa.getTitle() + "'", history.cell(0, 0));
        assertEquals("waits for \u201cApproved\u201d", history.cell(0, 2));
        assertTrue(dialog.labelTexts().contains("Not now: " + carlId + " owns the CAPA and may not approve its plan"
                + " (separation of duties, CAPA Settings)."), dialog.labelTexts().toString());
        dialog.button("Close").click();
        assertEquals(CapaStatus.OPEN, ((Capa) store.get(capa.getId())).getStatus(), "submitted, not approved");

        Sessions.backToAdministrator(bot, workbench);
        EditorBot again = open(capa.getTitle());
        again.bot().toolItem("Lifecycle\u2026").click();
        ShellBot lifecycle = bot.shell(CapaLifecycleDialog.TITLE);
        lifecycle.button("Approve Plan\u2026").click();
        ShellBot sign = bot.shell(SignatureDialog.TITLE);
        Text signed = sign.widget(Text.class, t -> t.getText().contains("Root cause: Restores of the EDC were never"
                + " tested"), "the plan being signed");
        assertTrue(bot.syncExec(() -> signed.isVisible()), "the signer sees what is signed");
        qms.ui.testing.Sessions.fillSignature(sign, SignedInApplication.ADMIN, "not the password");
        sign.button("Sign").click();
        sign.widget(Text.class, t -> t.getText().contains("User id or password is wrong."), "the refusal");
        assertEquals(CapaStatus.OPEN, ((Capa) store.get(capa.getId())).getStatus());
        sign.textWithLabel("Password").setText(SignedInApplication.ADMIN_PASSWORD);
        sign.button("Sign").click();
        bot.waitUntil(() -> !sign.isOpen(), "signed");
        bot.waitUntil(() -> lifecycle.table().cell(0, 2).startsWith("Approved by " + SignedInApplication.ADMIN_NAME),
                "the signature in the history");
        assertTrue(lifecycle.button("Start Work").isEnabled(), "the next step");
        lifecycle.button("Close").click();

        Capa stored = (Capa) store.get(capa.getId());
        assertEquals(CapaStatus.PLAN_APPROVED, stored.getStatus());
        CapaLifecycle l = new CapaLifecycle(store);
        PlanApproval plan = (PlanApproval) l.signOffs(stored).get(0);
        assertEquals(carlId, plan.getRequestedBy());
        assertTrue(l.isSigned(plan));
        assertFalse(again.isDirty(), "the step saved the CAPA; the form has nothing to save");
        again.close();
        EditorBot approved = open(capa.getTitle());
        var due = approved.bot().dateTimeWithLabel("Due date");
        assertFalse(due.isEnabled(), "once the plan is approved, only an approved extension moves the due date");
        assertTrue(due.getToolTipText().startsWith("Once the plan is approved, a due date moves only by an approved"
                + " due-date extension"), due.getToolTipText());
        String labelTip = approved.bot().label("Due date").getToolTipText();
        assertTrue(labelTip != null && labelTip.contains("Once the plan is approved"), "the label says why, as GTK"
                + " shows no tooltip on a disabled field: " + labelTip);
        assertTrue(approved.bot().textWithLabel("Title").isEditable(), "the rest of the CAPA stays editable");
        approved.close();

        workbench.menu("CAPA", "My Tasks / Overdue").click();
        var view = workbench.view("CAPA Tasks").bot();
        view.checkBox("Only mine").click(); // the administrator owns none of it: everyone's tasks
        TableBot tasks = view.table();
        bot.waitUntil(() -> rows(tasks).contains("CAPA due|" + capa.getTitle() + "|Implement the CAPA|" + carlId),
                "the CAPA's own task, owned by Carl: " + rows(tasks));
        assertTrue(rows(tasks).stream().anyMatch(r -> r.startsWith("Action|" + capa.getTitle()
                + "|Corrective action: ")), rows(tasks).toString());
    }

    /** The tasks table's rows as "task|CAPA|what|owner". */
    private List<String> rows(TableBot t) {
        List<String> rows = new java.util.ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            rows.add(t.cell(i, 2) + "|" + t.cell(i, 3) + "|" + t.cell(i, 4) + "|" + t.cell(i, 5));
        }
        return rows;
    }
}
