package qms.ui.testing;

import qms.core.RecordStore;
import qms.core.Records;
import qms.model.AccessRole;
import qms.model.QmsPackage;
import qms.model.UserAccount;
import qms.ui.QmsUi;
import qms.ui.Session;
import qms.ui.security.ChangePasswordDialog;
import qms.ui.security.SignInDialog;

/** Switching the signed-in user through the real File menu and dialogs, as people do at a shared desk. */
public final class Sessions {

    private Sessions() {
    }

    /** Creates an account with the roles and a temporary password (which the first sign-in must change). */
    public static UserAccount createUser(String userId, String fullName, String temporaryPassword,
            AccessRole... roles) {
        RecordStore store = QmsUi.get().store();
        UserAccount user = Records.newRecord(QmsPackage.Literals.USER_ACCOUNT);
        user.setUserId(userId);
        user.setFullName(fullName);
        user.getRoles().addAll(java.util.List.of(roles));
        store.save(user, null);
        store.accounts().setPassword(user.getId(), temporaryPassword.toCharArray());
        return user;
    }

    /**
     * File › Sign Out…, then signs in as the user in the sign-in dialog; with {@code newPassword}, changes the
     * temporary password in the dialog that follows. Waits until the user is signed in.
     */
    public static void signInAs(Bot bot, WorkbenchBot workbench, String userId, String password,
            String newPassword) {
        workbench.menu("File", "Sign Out\u2026").click();
        ShellBot signIn = bot.shell(SignInDialog.TITLE);
        signIn.textWithLabel("User id").setText(userId);
        signIn.textWithLabel("Password").setText(password);
        signIn.button("Sign In").click();
        if (newPassword != null) {
            ShellBot change = bot.shell(ChangePasswordDialog.TITLE);
            change.textWithLabel("Current password").setText(password);
            change.textWithLabel("New password").setText(newPassword);
            change.textWithLabel("Repeat new password").setText(newPassword);
            change.button("OK").click();
        }
        bot.waitUntil(() -> !signIn.isOpen() && Session.principal() != null
                && userId.equals(Session.principal().userId()), userId + " signed in");
    }

    /**
     * Fills a signature dialog as the signed-in user: the user id where it is asked (the session's first signing;
     * later it is shown fixed), and the password.
     */
    public static void fillSignature(ShellBot dialog, String userId, String password) {
        TextBot id = dialog.textWithLabel("User id");
        if (id.isEditable()) {
            id.setText(userId);
        }
        dialog.textWithLabel("Password").setText(password);
    }

    /** Signs the UI tests' administrator in again through the dialogs (after a test worked as someone else). */
    public static void backToAdministrator(Bot bot, WorkbenchBot workbench) {
        signInAs(bot, workbench, SignedInApplication.ADMIN, SignedInApplication.ADMIN_PASSWORD, null);
    }
}
