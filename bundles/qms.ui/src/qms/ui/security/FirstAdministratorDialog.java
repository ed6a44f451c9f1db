package qms.ui.security;

import java.util.EnumSet;
import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import qms.core.Accounts;
import qms.core.PasswordPolicy;
import qms.model.AccessRole;

/** First start: the administrator creates their own account. There is no default account or password. */
public final class FirstAdministratorDialog extends CredentialsDialog {

    public static final String TITLE = "Create the First Administrator";

    private final Accounts accounts;
    private Text userId;
    private Text fullName;
    private Text password;
    private Text repeat;
    private Button qaManager;

    public FirstAdministratorDialog(Shell parent, Accounts accounts) {
        super(parent, TITLE);
        this.accounts = accounts;
    }

    @Override
    void createFields(Composite fields) {
        setTitle(TITLE);
        PasswordPolicy p = PasswordPolicy.DEFAULT;
        setMessage("The database has no user yet. Create your own administrator account: you will add the other"
                + " users from it. Passwords need at least " + p.minLength() + " characters.");
        userId = field(fields, "&User id:", false);
        fullName = field(fields, "&Full name (printed with your signatures):", false);
        password = field(fields, "&Password:", true);
        repeat = field(fields, "&Repeat password:", true);
        new Label(fields, SWT.NONE);
        qaManager = new Button(fields, SWT.CHECK);
        qaManager.setText("Also &QA Manager (may write and approve quality records)");
        qaManager.setSelection(true);
        qaManager.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
    }

    @Override
    void submit() {
        Set<AccessRole> roles = qaManager.getSelection() ? EnumSet.of(AccessRole.QA_MANAGER)
                : EnumSet.noneOf(AccessRole.class);
        newPassword(password, repeat, "The two passwords differ.", pw -> accounts.createFirstAdministrator(
                userId.getText().trim(), fullName.getText().trim(), pw, roles));
        created = userId.getText().trim();
    }

    private String created;

    @Override
    Text[] secrets() {
        return new Text[] { password, repeat };
    }

    @Override
    String okLabel() {
        return "&Create Account";
    }

    /** The user id of the account created (after OK), or null. */
    public String userId() {
        return created;
    }
}
