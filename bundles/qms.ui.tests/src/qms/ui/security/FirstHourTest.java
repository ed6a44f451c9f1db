package qms.ui.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.eclipse.swt.custom.CLabel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import qms.core.DemoData;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.AccessRole;
import qms.model.Organisation;
import qms.model.QmsPackage;
import qms.ui.QmsUi;
import qms.ui.Session;
import qms.ui.testing.Bot;
import qms.ui.testing.Sessions;
import qms.ui.testing.SignedInApplication;
import qms.ui.testing.WidgetNotFoundException;
import qms.ui.testing.WorkbenchBot;

/**
 * What a QA manager meets in the first hour, in the running workbench: whose session it is, always in sight, and
 * the demo data offered only where it can be loaded.
 */
class FirstHourTest {

    private final Bot bot = new Bot();
    private final WorkbenchBot workbench = bot.workbench();
    private final RecordStore store = QmsUi.get().store();

    @AfterEach
    void backToTheAdministrator() {
        if (Session.principal() == null || !SignedInApplication.ADMIN.equals(Session.principal().userId())) {
            Sessions.backToAdministrator(bot, workbench);
        }
        workbench.resetWorkbench();
    }

    private String statusText(CLabel status) {
        return bot.syncExec(() -> status.isDisposed() ? "" : status.getText());
    }

    @Test
    void whoIsSignedInShowsInTheStatusLineAndTheTitleAndFollowsASignOut() {
        String admin = SignedInApplication.ADMIN_NAME + " (" + SignedInApplication.ADMIN + ")";
        CLabel status = workbench.shell().widget(CLabel.class, l -> l.getText().startsWith("Signed in: "),
                "who is signed in, in the status line");
        bot.waitUntil(() -> statusText(status).startsWith("Signed in: " + admin), "the administrator in the status"
                + " line: " + statusText(status));
        bot.waitUntil(() -> workbench.shell().getText().contains(admin), "the administrator in the window's title: "
                + workbench.shell().getText());

        String id = "qa." + UUID.randomUUID().toString().substring(0, 6);
        Sessions.createUser(id, "Quinn Quality", "temporary password 1", AccessRole.QA_MANAGER);
        Sessions.signInAs(bot, workbench, id, "temporary password 1", "quinn's own passphrase");
        String quinn = "Quinn Quality (" + id + "), QA Manager";
        bot.waitUntil(() -> statusText(status).equals("Signed in: " + quinn), "the new user and role in the status"
                + " line: " + statusText(status));
        bot.waitUntil(() -> workbench.shell().getText().contains(quinn) && !workbench.shell().getText().contains(
                admin), "the new user in the title: " + workbench.shell().getText());
        assertTrue(bot.syncExec(() -> status.getSize().x >= status.computeSize(-1, -1).x), "the name is not cut off");
    }

    @Test
    void theSignInAfterTheFirstAdministratorsAccountCarriesItsUserId() {
        // the UI tests start on a new data folder: the start-up asked for the first administrator, then signed in
        assertTrue(SignedInApplication.ADMIN.equals(SignedInApplication.userIdAtFirstSignIn),
                "the new account's user id was filled in: " + SignedInApplication.userIdAtFirstSignIn);
    }

    @Test
    void betweenTheSignInAndTheWindowTheScreenSaysWhoSignedInAndWhatTheStartIsDoing() {
        // the UI tests' own start: the driver signed in, then the window was built on the UI thread
        StartProgress.Shown shown = StartProgress.last();
        assertTrue(shown != null, "a progress was shown after the sign-in");
        assertTrue(shown.beforeWindow(), "it was shown before the window");
        assertTrue(shown.painted(), "it was painted, although the UI thread was busy building the window");
        assertEquals(StartProgress.Closed.WINDOW_PAINTED, shown.closed(), "it stayed on the screen until the window"
                + " was painted under it");
        assertTrue(shown.phases().equals(List.of("Opening the window\u2026")), shown.phases().toString());
        assertFalse(bot.shellTitles().contains(StartProgress.TITLE), "it is gone now the window is open");
    }

    @Test
    void theWindowsBackgroundWorkWaitedForItsFirstPaint() {
        // the navigator's counts, the dashboard's figures, the audit trail's users, ...: held while the window was
        // built, let go by its first paint (not by the gate's time running out)
        qms.ui.AfterFirstPaint.Hold hold = qms.ui.AfterFirstPaint.first();
        assertTrue(hold != null, "the start held the window's background work");
        assertEquals(qms.ui.AfterFirstPaint.Released.PAINTED, hold.why(), "let go when the window painted");
        assertTrue(hold.jobs() >= 3, "the counts, the audit trail's users and the trace's preparation at least: "
                + hold.jobs());
        assertFalse(bot.syncExec(qms.ui.AfterFirstPaint::isHolding));
    }

    @Test
    void theWindowOpensMaximisedAtTheFirstStart() {
        // the UI tests start on a new data folder: no window state kept yet
        assertTrue(bot.syncExec(() -> workbench.shell().widget().getMaximized()), "maximised");
    }

    @Test
    void theEditorAreaSaysHowToOpenARecordWhileNoFormIsOpen() {
        bot.syncExec(() -> {
            org.eclipse.ui.PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().closeAllEditors(false);
        });
        org.eclipse.swt.widgets.Label hint = workbench.shell().widget(org.eclipse.swt.widgets.Label.class,
                l -> l.getText().equals(qms.ui.EditorAreaHint.TEXT), "the editor area's hint");
        bot.waitUntil(() -> bot.syncExec(() -> hint.isVisible() && hint.getSize().x > 0), "shown while empty");
        workbench.menu("Window", "Dashboard").click();
        bot.waitUntil(() -> workbench.editorTitles().contains("Dashboard"), "the dashboard opens");
        bot.waitUntil(() -> !bot.syncExec(() -> hint.isVisible()), "hidden while a form or the dashboard is open");
    }

    @Test
    void loadDemoDataIsOfferedOnlyWhileTheDatabaseHoldsNoOrganisation() {
        if (DemoData.isEmpty(store)) {
            workbench.menu("File", "Load Demo Data"); // found: an empty database may be filled with the demo
        }
        Organisation org = Records.newRecord(QmsPackage.Literals.ORGANISATION);
        org.setName("Organisation " + UUID.randomUUID().toString().substring(0, 6));
        store.save(org, null);
        QmsUi.get().changed(List.of(org.getId()));
        assertFalse(DemoData.isEmpty(store));
        WidgetNotFoundException e = assertThrows(WidgetNotFoundException.class, () -> workbench.timeout(Duration
                .ofSeconds(2)).menu("File", "Load Demo Data"), "not offered once an organisation is there");
        assertTrue(e.getMessage().contains("Lock Session"), "the File menu was searched: " + e.getMessage());
    }
}
