package qms.ui.security;

import java.util.Arrays;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import qms.core.Accounts;
import qms.core.PasswordPolicy;

/** The user changes their own password: when it must be changed at sign-in, or from File > Change Password. */
public final class ChangePasswordDialog extends CredentialsDialog {

    public static final String TITLE = "Change Password";

    private final Accounts accounts;
    private final String userId;
    private final String why;
    private Text current;
    private Text password;
    private Text repeat;

    /** @param why why the password must be changed now, or null when the user chose to */
    public ChangePasswordDialog(Shell parent, Accounts accounts, String userId, String why) {
        super(parent, TITLE);
        this.accounts = accounts;
        this.userId = userId;
        this.why = why;
    }

    @Override
    void createFields(Composite fields) {
        setTitle(TITLE + " for " + userId);
        PasswordPolicy p = accounts.policy();
        setMessage((why == null ? "" : why + " ") + "At least " + p.minLength() + " characters, not your user id, not"
                + " one of your last " + p.historySize() + " passwords"
                + (p.expiryDays() > 0 ? "; it lasts " + p.expiryDays() + " days." : "."));
        current = field(fields, "&Current password:", true);
        password = field(fields, "&New password:", true);
        repeat = field(fields, "&Repeat new password:", true);
    }

    @Override
    void submit() {
        char[] old = current.getTextChars();
        try {
            newPassword(password, repeat, "The two new passwords differ.", pw -> accounts.changePassword(userId, old,
                    pw));
        } finally {
            Arrays.fill(old, '\0');
        }
    }

    @Override
    Text[] secrets() {
        return new Text[] { current, password, repeat };
    }
}
