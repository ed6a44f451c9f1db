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
    /** The question before a locked session's Exit loses unsaved forms. */
    public static final String EXIT_TITLE = "Exit the Suite";
    /** {@link #open()}'s result when the store the dialog waited for could not be opened (its caller says why). */
    public static final int STORE_FAILED = 2;
    /** {@link #open()}'s result when the store it waited for has no account yet: the first administrator is next. */
    public static final int NO_ACCOUNT = 3;

    private Accounts accounts;
    /** At start-up: the accounts of the store still being opened (the dialog is shown without waiting for it). */
    private final java.util.concurrent.CompletableFuture<Accounts> opening;
    private boolean waiting;
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
        this.opening = null;
        this.lockedUser = lockedUser;
        this.store = where;
    }

    /**
     * At start-up, shown while the store opens: the user types while it opens, and <em>Sign In</em> waits for it
     * if it has not opened yet. Ends with {@link #STORE_FAILED} when it cannot be opened and with
     * {@link #NO_ACCOUNT} when it has no account (once it is open, without waiting for <em>Sign In</em>).
     */
    public SignInDialog(Shell parent, java.util.concurrent.CompletableFuture<Accounts> opening, String where) {
        super(parent, TITLE);
        this.opening = opening;
        this.lockedUser = null;
        this.store = where;
    }

    @Override
    void createFields(Composite fields) {
        if (lockedUser == null) {
            setTitle("Sign in to the CRO Quality Suite");
            setMessage(signInMessage());
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
        if (lockedUser == null && preset != null) {
            userId.setText(preset); // the account just created
        }
        (lockedUser == null && preset == null ? userId : password).setFocus();
        if (opening != null) {
            org.eclipse.swt.widgets.Display display = fields.getDisplay();
            opening.whenComplete((a, failure) -> display.asyncExec(this::opened));
        }
    }

    /** The store has opened (or failed to): ends the dialog if there is nothing to sign in to. */
    private void opened() {
        if (getShell() == null || getShell().isDisposed() || waiting) {
            return; // closed already, or Sign In is waiting for it and goes on itself
        }
        int end = outcome();
        if (end != OK) {
            setReturnCode(end);
            close();
        }
    }

    /** OK when the opened store has accounts to sign in to, else how the dialog ends. */
    private int outcome() {
        try {
            accounts = opening.join();
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            return STORE_FAILED;
        }
        return accounts.anyAccount() ? OK : NO_ACCOUNT;
    }

    @Override
    protected void okPressed() {
        if (opening != null && accounts == null) {
            if (!opening.isDone()) { // typed before the store was open: wait for it, the dialog still painted
                waiting = true;
                setMessage("Opening the data in " + store + "…");
                getButton(OK).setEnabled(false);
                getShell().setCursor(getShell().getDisplay().getSystemCursor(org.eclipse.swt.SWT.CURSOR_WAIT));
                try {
                    while (!opening.isDone() && !getShell().isDisposed()) {
                        if (!getShell().getDisplay().readAndDispatch()) {
                            getShell().getDisplay().sleep();
                        }
                    }
                } finally {
                    waiting = false;
                }
                if (getShell() == null || getShell().isDisposed()) {
                    return;
                }
                getShell().setCursor(null);
                getButton(OK).setEnabled(true);
                setMessage(signInMessage());
            }
            int end = outcome();
            if (end != OK) {
                setReturnCode(end);
                close();
                return;
            }
        }
        super.okPressed();
    }

    /** Escape and the window's close button do not end a locked session: only Unlock or Exit do. */
    @Override
    protected void handleShellCloseEvent() {
        if (lockedUser == null) {
            super.handleShellCloseEvent();
        }
    }

    /** Exit from a locked session asks first when forms have unsaved changes (they would be lost). */
    @Override
    protected void cancelPressed() {
        if (lockedUser != null && !confirmExit()) {
            return;
        }
        super.cancelPressed();
    }

    private boolean confirmExit() {
        int dirty = 0;
        if (org.eclipse.ui.PlatformUI.isWorkbenchRunning()) {
            for (org.eclipse.ui.IWorkbenchWindow w : org.eclipse.ui.PlatformUI.getWorkbench().getWorkbenchWindows()) {
                for (org.eclipse.ui.IWorkbenchPage page : w.getPages()) {
                    dirty += page.getDirtyEditors().length;
                }
            }
        }
        if (dirty == 0) {
            return true;
        }
        String forms = dirty == 1 ? "1 form has" : dirty + " forms have";
        org.eclipse.jface.dialogs.MessageDialog ask = new org.eclipse.jface.dialogs.MessageDialog(getShell(),
                EXIT_TITLE, null, forms + " unsaved changes, which are lost if the suite exits now. Unlock the"
                        + " session to save them.", org.eclipse.jface.dialogs.MessageDialog.WARNING, 1,
                "E&xit Without Saving", "&Stay Locked");
        return ask.open() == 0;
    }

    private String signInMessage() {
        return "Data: " + store + ". Your sign-in and everything you change is recorded in the audit trail under your"
                + " user id.";
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

    private String preset;

    /** Fills in the user id (the first administrator's, just created), so that only the password is left to type. */
    public SignInDialog withUserId(String userId) {
        this.preset = userId;
        return this;
    }

    /** Who signed in (after OK). */
    public Principal principal() {
        return principal;
    }
}
