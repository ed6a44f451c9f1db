package qms.ui.security;

import java.util.Arrays;

import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import qms.core.Accounts;
import qms.core.Principal;
import qms.core.SignInResult;

/**
 * Asks for user id and password: before the workbench opens, after signing out, and to unlock a locked session
 * (then only the same user can continue). A password that must be changed is changed here before the user goes
 * on.
 */
public final class SignInDialog extends CredentialsDialog {

    public static final String TITLE = "Sign In";
    public static final String LOCKED_TITLE = "Session Locked";

    private final Accounts accounts;
    private final String lockedUser;
    private final String store;
    private Text userId;
    private Text password;
    private Principal principal;

    /**
     * @param lockedUser the user of a locked session (only they can unlock it), or null for a new sign-in
     * @param where      the data folder, shown so that users know which database they sign in to
     */
    public SignInDialog(Shell parent, Accounts accounts, String lockedUser, String where) {
        super(parent, lockedUser == null ? TITLE : LOCKED_TITLE);
        this.accounts = accounts;
        this.lockedUser = lockedUser;
        this.store = where;
    }

    @Override
    void createFields(Composite fields) {
        if (lockedUser == null) {
            setTitle("Sign in to the CRO Quality Suite");
            setMessage("Data: " + store + ". Your sign-in and everything you change is recorded in the audit"
                    + " trail under your user id.");
        } else {
            setTitle("The session of " + lockedUser + " is locked");
            setMessage("Enter your password to continue. Nothing of your work is lost.");
        }
        userId = field(fields, "&User id:", false);
        if (lockedUser != null) {
            userId.setText(lockedUser);
            userId.setEditable(false);
        }
        password = field(fields, "&Password:", true);
        (lockedUser == null ? userId : password).setFocus();
    }

    @Override
    void submit() {
        char[] pw = password.getTextChars();
        try {
            SignInResult result = accounts.signIn(userId.getText().trim(), pw);
            if (result.passwordChangeRequired()) {
                ChangePasswordDialog change = new ChangePasswordDialog(getShell(), accounts,
                        result.principal().userId(), result.reason());
                if (change.open() != Window.OK) {
                    accounts.signOut(result.principal().userId(), "Signed out: the password was not changed");
                    throw new IllegalArgumentException("The password must be changed before you can go on.");
                }
            }
            principal = result.principal();
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    @Override
    Text[] secrets() {
        return new Text[] { password };
    }

    @Override
    String okLabel() {
        return lockedUser == null ? "&Sign In" : "&Unlock";
    }

    @Override
    String cancelLabel() {
        return "E&xit";
    }

    /** Who signed in (after OK). */
    public Principal principal() {
        return principal;
    }
}
