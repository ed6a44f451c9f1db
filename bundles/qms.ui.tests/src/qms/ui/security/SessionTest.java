package qms.ui.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import qms.core.AuditAction;
import qms.core.AuditEntry;
import qms.core.Principal;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.AccessRole;
import qms.model.Finding;
import qms.model.FindingGrade;
import qms.model.FindingSource;
import qms.model.QmsPackage;
import qms.model.UserAccount;
import qms.ui.QmsUi;
import qms.ui.Session;
import qms.ui.testing.Bot;
import qms.ui.testing.EditorBot;
import qms.ui.testing.ShellBot;
import qms.ui.testing.SignedInApplication;
import qms.ui.testing.WorkbenchBot;

/**
 * Signing in, locking and signing out, an auditor's read-only forms and electronic signatures, through the real
 * dialogs of the running workbench (which the first user entered through the real start-up dialogs).
 */
class SessionTest {

    private final Bot bot = new Bot();
    private final WorkbenchBot workbench = bot.workbench();
    private final RecordStore store = QmsUi.get().store();

    @AfterEach
    void backToTheAdministrator() {
        Principal p = Session.principal();
        if (p == null || !SignedInApplication.ADMIN.equals(p.userId())) {
            // a failed test may leave someone else signed in: sign the administrator in again for the next test
            Session.begin(store.accounts().signIn(SignedInApplication.ADMIN,
                    SignedInApplication.ADMIN_PASSWORD.toCharArray()).principal());
            bot.syncExec(() -> PlatformUiWindows.showAll());
        }
        workbench.resetWorkbench();
    }

    private static void fill(ShellBot dialog, String userId, String password) {
        if (userId != null) {
            dialog.textWithLabel("User id").setText(userId);
        }
        dialog.textWithLabel("Password").setText(password);
    }

    /** Waits for the dialog's error message (TitleAreaDialog shows it in a read-only text). */
    private static void waitForError(ShellBot dialog, String error) {
        dialog.widget(Text.class, t -> t.getText().contains(error), "error message '" + error + "'");
    }

    private Finding finding(String title) {
        Finding f = Records.newRecord(QmsPackage.Literals.FINDING);
        f.setTitle(title);
        f.setSource(FindingSource.INTERNAL_AUDIT);
        f.setGrade(FindingGrade.MAJOR);
        store.save(f, null);
        QmsUi.get().changed(List.of(f.getId()));
        return f;
    }

    private EditorBot open(String groupPrefix, String label) {
        workbench.view("Records").bot().tree().getTreeItem(t -> t.startsWith(groupPrefix), groupPrefix + " group")
                .expand().getNode(label).doubleClick();
        return workbench.editor(label);
    }

    @Test
    void aLockedSessionHidesTheWindowAndOpensWithTheRightPasswordOnly() {
        long trail = store.auditTrail().size();
        workbench.menu("File", "Lock Session").click();
        ShellBot locked = bot.shell(SignInDialog.LOCKED_TITLE);
        assertFalse(bot.syncExec(() -> workbench.shell().widget().isVisible()), "no data shows while locked");
        assertFalse(locked.textWithLabel("User id").isEditable(), "only the same user can unlock");

        fill(locked, null, "not the password");
        locked.button("Unlock").click();
        waitForError(locked, "User id or password is wrong.");
        assertTrue(locked.isOpen());
        assertEquals(1, store.accounts().state(SignedInApplication.ADMIN).failedAttempts());

        fill(locked, null, SignedInApplication.ADMIN_PASSWORD);
        locked.button("Unlock").click();
        bot.waitUntil(() -> !locked.isOpen(), "the lock dialog closes");
        bot.waitUntil(() -> bot.syncExec(() -> workbench.shell().widget().isVisible()), "the window shows again");
        assertEquals(0, store.accounts().state(SignedInApplication.ADMIN).failedAttempts());
        List<AuditAction> actions = store.auditTrail().page(trail, 100).stream().map(AuditEntry::action).toList();
        assertEquals(List.of(AuditAction.SIGN_OUT, AuditAction.SIGN_IN_FAILED, AuditAction.SIGN_IN), actions);
    }

    @Test
    void escapeKeepsTheSessionLockedAndExitAsksFirstWhenAFormHasUnsavedChanges() {
        Finding f = finding("Typed before the lock " + UUID.randomUUID().toString().substring(0, 6));
        EditorBot editor = open("Findings (", f.getTitle());
        editor.bot().textWithLabel("Impact").setText("not saved yet");
        bot.waitUntil(editor::isDirty, "the form has unsaved changes");
        workbench.menu("File", "Lock Session").click();
        ShellBot locked = bot.shell(SignInDialog.LOCKED_TITLE);

        bot.syncExec(() -> {
            locked.widget().traverse(org.eclipse.swt.SWT.TRAVERSE_ESCAPE); // the key's traversal, as pressed
        });
        bot.sleep(300);
        assertTrue(locked.isOpen(), "Escape does not end the locked session");
        assertTrue(bot.syncExec(() -> org.eclipse.ui.PlatformUI.isWorkbenchRunning()), "the suite still runs");

        locked.button("Exit").click();
        ShellBot confirm = bot.shell(SignInDialog.EXIT_TITLE);
        assertTrue(confirm.labelTexts().stream().anyMatch(t -> t.startsWith("1 form has unsaved changes")),
                confirm.labelTexts().toString());
        confirm.button("Stay Locked").click();
        bot.waitUntil(() -> !confirm.isOpen(), "the question closes");
        assertTrue(locked.isOpen(), "still locked, nothing lost");

        fill(locked, null, SignedInApplication.ADMIN_PASSWORD);
        locked.button("Unlock").click();
        bot.waitUntil(() -> !locked.isOpen(), "unlocked");
        assertTrue(editor.isDirty(), "the unsaved edit is still in the form");
        assertEquals("not saved yet", editor.bot().textWithLabel("Impact").getText());
        editor.close();
    }

    @Test
    void anAuditorSignsInChangesTheTemporaryPasswordAndFindsEveryEditActionDisabled() {
        String auditorId = "auditor." + UUID.randomUUID().toString().substring(0, 6);
        UserAccount auditor = Records.newRecord(QmsPackage.Literals.USER_ACCOUNT);
        auditor.setUserId(auditorId);
        auditor.setFullName("Audrey Inspector");
        auditor.getRoles().add(AccessRole.AUDITOR);
        store.save(auditor, null);
        store.accounts().setPassword(auditor.getId(), "temporary password 1".toCharArray());
        Finding f = finding("Restores never tested " + auditorId);

        workbench.menu("File", "Sign Out\u2026").click();
        ShellBot signIn = bot.shell(SignInDialog.TITLE);
        fill(signIn, auditorId, "temporary password 1");
        signIn.button("Sign In").click();
        ShellBot change = bot.shell(ChangePasswordDialog.TITLE);
        change.textWithLabel("Current password").setText("temporary password 1");
        change.textWithLabel("New password").setText("auditor's own passphrase");
        change.textWithLabel("Repeat new password").setText("auditor's own passphrase");
        change.button("OK").click();
        bot.waitUntil(() -> !signIn.isOpen(), "signed in");
        assertEquals(auditorId, Session.principal().userId());

        EditorBot editor = open("Findings (", f.getTitle());
        assertFalse(editor.bot().toolItem("Save").isEnabled(), "no save");
        assertFalse(editor.bot().toolItem("Sign\u2026").isEnabled(), "an auditor does not sign");
        assertFalse(editor.bot().textWithLabel("Title").isEditable(), "fields are read-only (still selectable, to copy)");

        workbench.menu("File", "Sign Out\u2026").click();
        ShellBot again = bot.shell(SignInDialog.TITLE);
        fill(again, SignedInApplication.ADMIN, SignedInApplication.ADMIN_PASSWORD);
        again.button("Sign In").click();
        bot.waitUntil(() -> !again.isOpen(), "the administrator is back");
        assertEquals(SignedInApplication.ADMIN, Session.principal().userId());
        assertTrue(bot.syncExec(() -> mainToolBarHeight() > 0), "the main toolbar is laid out again after signing in");
    }

    /** The height of the window's main toolbar (the trim above the parts). */
    private int mainToolBarHeight() {
        int height = 0;
        java.util.Deque<org.eclipse.swt.widgets.Control> todo = new java.util.ArrayDeque<>(
                List.of(workbench.shell().widget().getChildren()));
        while (!todo.isEmpty()) {
            org.eclipse.swt.widgets.Control c = todo.pop();
            if (c instanceof org.eclipse.swt.widgets.ToolBar t && t.getItemCount() > 0
                    && java.util.Arrays.stream(t.getItems()).anyMatch(i -> i.getToolTipText() != null && i.getToolTipText().startsWith("Save"))) {
                height = Math.max(height, t.getSize().y);
            } else if (c instanceof org.eclipse.swt.widgets.Composite k) {
                todo.addAll(List.of(k.getChildren()));
            }
        }
        return height;
    }

    @Test
    void theSignerIsTheSignedInPersonWhoseUserIdIsTypedAtTheSessionsFirstSigningOnly() {
        String qaId = "qa." + UUID.randomUUID().toString().substring(0, 6);
        qms.ui.testing.Sessions.createUser(qaId, "Quentin Quality", "temporary password 1", AccessRole.QA_MANAGER);
        qms.ui.testing.Sessions.signInAs(bot, workbench, qaId, "temporary password 1", "quentin's own passphrase");
        Finding f = finding("Signed by whoever is signed in " + qaId);
        EditorBot editor = open("Findings (", f.getTitle());

        editor.bot().toolItem("Sign\u2026").click();
        ShellBot first = bot.shell(SignatureDialog.TITLE);
        assertTrue(first.labelTexts().contains("Quentin Quality (" + qaId + ")"), "the dialog names the signer");
        assertTrue(first.textWithLabel("User id").isEditable(), "the first signing of a session asks for both");
        first.comboWithLabel("Meaning").setSelection("Reviewed");
        // someone else's credentials, in this session, are refused (and the refusal is audited by the store)
        fill(first, SignedInApplication.ADMIN, SignedInApplication.ADMIN_PASSWORD);
        first.button("Sign").click();
        waitForError(first, "Signed in as " + qaId + ", a signature in the name of '" + SignedInApplication.ADMIN
                + "' was refused");
        assertTrue(store.signatures().signatures(f.getId()).isEmpty());
        fill(first, qaId, "quentin's own passphrase");
        first.button("Sign").click();
        bot.waitUntil(() -> !first.isOpen(), "signed");

        editor.close();
        Finding other = finding("Signed later in the session " + qaId);
        EditorBot next = open("Findings (", other.getTitle());
        next.bot().toolItem("Sign\u2026").click();
        ShellBot second = bot.shell(SignatureDialog.TITLE);
        assertFalse(second.textWithLabel("User id").isEditable(), "later signings: the signer's id is fixed");
        assertEquals(qaId, second.textWithLabel("User id").getText());
        second.comboWithLabel("Meaning").setSelection("Reviewed");
        second.textWithLabel("Password").setText("quentin's own passphrase");
        second.button("Sign").click();
        bot.waitUntil(() -> !second.isOpen(), "signed with the password only");
        assertEquals(List.of(qaId), store.signatures().signatures(f.getId()).stream().map(c -> c.signature()
                .getSignerUserId()).toList());
        assertEquals(List.of(qaId), store.signatures().signatures(other.getId()).stream().map(c -> c.signature()
                .getSignerUserId()).toList());
        next.close();
    }

    @Test
    void signingAsksForThePasswordAndShowsTheSignatureWithTheRecord() {
        Finding f = finding("Shared EDC credentials " + UUID.randomUUID().toString().substring(0, 6));
        EditorBot editor = open("Findings (", f.getTitle());
        qms.ui.testing.ToolItemBot signButton = editor.bot().toolItem("Sign\u2026");
        String tip = signButton.getToolTipText();
        assertTrue(tip != null && tip.startsWith("Sign this record electronically"), tip);
        signButton.click();
        ShellBot sign = bot.shell(SignatureDialog.TITLE);
        assertEquals(null, signButton.getToolTipText(), "no toolbar tooltip left over the dialog");
        sign.comboWithLabel("Meaning").setSelection("Reviewed");
        qms.ui.testing.Sessions.fillSignature(sign, SignedInApplication.ADMIN, "wrong password");
        sign.button("Sign").click();
        waitForError(sign, "User id or password is wrong.");
        assertTrue(store.signatures().signatures(f.getId()).isEmpty());

        qms.ui.testing.Sessions.fillSignature(sign, SignedInApplication.ADMIN, SignedInApplication.ADMIN_PASSWORD);
        sign.button("Sign").click();
        bot.waitUntil(() -> !sign.isOpen(), "the signature dialog closes");
        bot.waitUntil(() -> tip.equals(signButton.getToolTipText()), "the tooltip is back once the dialog closed");
        assertEquals(1, store.signatures().signatures(f.getId()).size());
        bot.waitUntil(() -> editor.bot().labelTexts().stream().anyMatch(t -> t.startsWith("Reviewed by "
                + SignedInApplication.ADMIN_NAME + " (" + SignedInApplication.ADMIN + "), ")
                && t.endsWith("UTC, meaning: Reviewed")), "the signature shows with the record");

        // changed after signing: a reason is asked, and the signature line says so (and is laid out, not left at
        // a size of zero when the section keeps its height)
        editor.bot().textWithLabel("Impact").setText("Confirmed by the vendor");
        bot.waitUntil(editor::isDirty, "the edit makes the editor dirty");
        editor.save();
        ShellBot reason = bot.shell("Reason for Change");
        reason.text(0).setText("Vendor confirmed the impact in writing");
        reason.button("OK").click();
        bot.waitUntil(() -> !editor.isDirty(), "saved with the reason");
        bot.waitUntil(() -> editor.bot().labelTexts().stream().anyMatch(t -> t.startsWith("Reviewed by ")
                && t.endsWith("the record was changed after it was signed")), "the signature says the record changed");
        org.eclipse.swt.widgets.Label line = editor.bot().widget(org.eclipse.swt.widgets.Label.class,
                l -> l.getText().endsWith("changed after it was signed"), "the signature line");
        bot.waitUntil(() -> bot.syncExec(() -> line.getSize().y > 0 && line.getSize().x > 0),
                "the signature line has a size");
    }
}
