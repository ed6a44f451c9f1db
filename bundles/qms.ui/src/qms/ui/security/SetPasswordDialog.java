package qms.ui.security;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import qms.core.Accounts;
import qms.core.PasswordPolicy;
import qms.model.UserAccount;

/**
 * An administrator sets a temporary password for another account: entered twice, masked, checked against the
 * policy by the store; the user must change it at the next sign-in.
 */
final class SetPasswordDialog extends CredentialsDialog {

    static final String TITLE = "Set Temporary Password";

    private final Accounts accounts;
    private final UserAccount account;
    private Text password;
    private Text repeat;

    SetPasswordDialog(Shell parent, Accounts accounts, UserAccount account) {
        super(parent, TITLE);
        this.accounts = accounts;
        this.account = account;
    }

    @Override
    void createFields(Composite fields) {
        setTitle(TITLE + " for " + account.getUserId() + " (" + account.getFullName() + ")");
        PasswordPolicy p = accounts.policy();
        setMessage("At least " + p.minLength() + " characters, not the user id. Tell it to them in person; they"
                + " must change it when they sign in.");
        password = field(fields, "&Temporary password:", true);
        repeat = field(fields, "&Repeat password:", true);
    }

    @Override
    void submit() {
        newPassword(password, repeat, "The two passwords differ.", pw -> accounts.setPassword(account.getId(), pw));
    }

    @Override
    Text[] secrets() {
        return new Text[] { password, repeat };
    }

    @Override
    String okLabel() {
        return "Set Password";
    }
}
