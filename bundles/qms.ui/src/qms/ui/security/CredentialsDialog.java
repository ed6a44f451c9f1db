package qms.ui.security;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import qms.core.StoreException;

/**
 * A dialog that asks for credentials and calls the store when OK is pressed: a refusal is shown in the dialog,
 * which stays open (with the password cleared) until the call succeeds or the user cancels. Passwords are read as
 * character arrays and never kept.
 */
abstract class CredentialsDialog extends TitleAreaDialog {

    private final String title;

    CredentialsDialog(Shell parent, String title) {
        super(parent);
        this.title = title;
        setShellStyle(getShellStyle() | SWT.RESIZE);
        setHelpAvailable(false);
    }

    private static final java.util.concurrent.atomic.AtomicInteger OPEN = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Whether a sign-in or first-administrator dialog is open. At start-up they open while the workbench starts, when
     * the display has SWT's plain synchronizer: another thread (a UI test's driver) may post to the UI thread only
     * then, the workbench's own holding such work back until it has started.
     */
    public static boolean anyOpen() {
        return OPEN.get() > 0;
    }

    @Override
    public int open() {
        OPEN.incrementAndGet();
        try {
            return super.open();
        } finally {
            OPEN.decrementAndGet();
        }
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(title);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Composite fields = new Composite(area, SWT.NONE);
        fields.setLayout(new GridLayout(2, false));
        fields.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        createFields(fields);
        return area;
    }

    abstract void createFields(Composite fields);

    /** Calls the store with what was entered; throws what it refused. */
    abstract void submit();

    /** The password fields to clear after a refusal. */
    abstract Text[] secrets();

    static Text field(Composite parent, String label, boolean secret) {
        new Label(parent, SWT.NONE).setText(label);
        Text text = new Text(parent, SWT.BORDER | SWT.SINGLE | (secret ? SWT.PASSWORD : SWT.NONE));
        GridData gd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        gd.widthHint = 280;
        text.setLayoutData(gd);
        return text;
    }

    /**
     * The signer's user id, below a line naming the signed-in person: only they sign in their session. At the
     * session's first signing it is typed, both components being asked (21 CFR 11.200(a)(1)(i)); later it is shown
     * fixed and only the password is asked. The store refuses a signature in anyone else's name either way.
     */
    static Text signerField(Composite fields) {
        qms.core.Principal p = qms.ui.Session.principal();
        new Label(fields, SWT.NONE).setText("Signer:");
        new Label(fields, SWT.NONE).setText(p == null ? "nobody is signed in" : p.displayName() + " (" + p.userId()
                + ")");
        Text userId = field(fields, "&User id:", false);
        if (p != null && qms.ui.Session.hasSigned()) {
            userId.setText(p.userId());
            userId.setEditable(false);
        } else {
            userId.setMessage("your user id, typed at the first signing after signing in");
        }
        return userId;
    }

    /** Where the cursor starts: the user id at a session's first signing, else the password. */
    static void focusSigner(Text userId, Text password) {
        (userId.getEditable() ? userId : password).setFocus();
    }

    /** At most about 110 characters wide: the title area's message wraps instead of stretching the dialog. */
    @Override
    protected org.eclipse.swt.graphics.Point getInitialSize() {
        return qms.ui.Dialogs.initialSize(getShell(), super.getInitialSize(), convertWidthInCharsToPixels(110));
    }

    /**
     * Hands a new password, typed twice, to {@code use} when both agree (else refuses with {@code differ}), and wipes
     * both copies afterwards.
     */
    static void newPassword(Text password, Text repeat, String differ, java.util.function.Consumer<char[]> use) {
        char[] pw = password.getTextChars();
        char[] again = repeat.getTextChars();
        try {
            if (!java.util.Arrays.equals(pw, again)) {
                throw new IllegalArgumentException(differ);
            }
            use.accept(pw);
        } finally {
            java.util.Arrays.fill(pw, '\0');
            java.util.Arrays.fill(again, '\0');
        }
    }

    @Override
    protected void okPressed() {
        try {
            submit();
        } catch (StoreException | IllegalArgumentException e) {
            setErrorMessage(e.getMessage());
            for (Text t : secrets()) {
                t.setText("");
            }
            Text[] s = secrets();
            if (s.length > 0) {
                s[0].setFocus();
            }
            return;
        }
        super.okPressed();
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, okLabel(), true);
        createButton(parent, IDialogConstants.CANCEL_ID, cancelLabel(), false);
    }

    String okLabel() {
        return IDialogConstants.OK_LABEL;
    }

    String cancelLabel() {
        return IDialogConstants.CANCEL_LABEL;
    }
}
