package qms.ui.security;

import java.util.Arrays;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * Signs one step of a module's workflow (a CAPA's plan approval, say) with the step's fixed meaning: shows what is
 * signed, asks the signed-in user for the password (and the user id at the session's first signing, see
 * {@link CredentialsDialog#signerField}) and hands them to the step, which signs and moves the
 * record on. A refusal (wrong password, separation of duties, the record changed) is shown in the dialog, which
 * stays open.
 */
public final class StepSignatureDialog extends CredentialsDialog {

    /** The step: signs as {@code userId} with {@code password}, or throws what was refused. */
    @FunctionalInterface
    public interface Step {
        void sign(String userId, char[] password);
    }

    private final String heading;
    private final String meaning;
    private final String statement;
    private final Step step;
    private Text userId;
    private Text password;

    /**
     * @param heading   e.g. "Approve the plan of CAPA-2026-014"
     * @param meaning   the signature's meaning, e.g. "Approved"
     * @param statement what the signature binds, shown read-only
     */
    public StepSignatureDialog(Shell parent, String heading, String meaning, String statement, Step step) {
        super(parent, SignatureDialog.TITLE);
        this.heading = heading;
        this.meaning = meaning;
        this.statement = statement;
        this.step = step;
    }

    @Override
    void createFields(Composite fields) {
        setTitle(heading);
        setMessage("Your electronic signature is the legally binding equivalent of your handwritten signature. It"
                + " records your printed name, the time (UTC), the meaning \u201c" + meaning + "\u201d and what is"
                + " shown below.");
        new Label(fields, SWT.NONE).setText("Meaning:");
        new Label(fields, SWT.NONE).setText(meaning);
        Label what = new Label(fields, SWT.NONE);
        what.setText("You sign:");
        what.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
        Text text = new Text(fields, SWT.BORDER | SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL);
        text.setText(statement);
        GridData gd = new GridData(SWT.FILL, SWT.FILL, true, true);
        gd.widthHint = 520;
        gd.heightHint = 180;
        text.setLayoutData(gd);
        userId = signerField(fields);
        password = field(fields, "&Password:", true);
        focusSigner(userId, password);
    }

    @Override
    void submit() {
        char[] pw = password.getTextChars();
        try {
            step.sign(userId.getText().trim(), pw);
            qms.ui.Session.signed();
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
        return "&Sign";
    }
}
