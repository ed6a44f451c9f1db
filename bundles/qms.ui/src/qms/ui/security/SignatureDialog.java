package qms.ui.security;

import java.util.Arrays;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import qms.core.RecordStore;
import qms.core.Validation;
import qms.model.Record;
import qms.model.Signature;
import qms.model.SignatureMeaning;

/**
 * Signs a record (21 CFR 11.50, 11.200): the signed-in user chooses the meaning and enters the password, and at the
 * session's first signing their user id too.
 */
public final class SignatureDialog extends CredentialsDialog {

    public static final String TITLE = "Sign Electronically";

    private final RecordStore store;
    private final Record record;
    private List<SignatureMeaning> meanings;
    private Combo meaning;
    private Label meaningText;
    private Text userId;
    private Text password;
    private Signature signature;

    public SignatureDialog(Shell parent, RecordStore store, Record record) {
        super(parent, TITLE);
        this.store = store;
        this.record = record;
    }

    @Override
    void createFields(Composite fields) {
        setTitle("Sign " + Validation.describe(record));
        setMessage("Your electronic signature is the legally binding equivalent of your handwritten signature. It"
                + " records your printed name, the time (UTC), the meaning and the record's content.");
        meanings = store.signatures().meanings();
        new Label(fields, SWT.NONE).setText("&Meaning:");
        meaning = new Combo(fields, SWT.READ_ONLY | SWT.DROP_DOWN);
        meanings.forEach(m -> meaning.add(m.getName()));
        meaningText = new Label(fields, SWT.WRAP);
        GridData gd = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        gd.widthHint = 420;
        meaningText.setLayoutData(gd);
        meaning.addListener(SWT.Selection, e -> showMeaning());
        userId = signerField(fields);
        password = field(fields, "&Password:", true);
        if (!meanings.isEmpty()) {
            meaning.select(0);
            showMeaning();
        }
        meaning.setFocus();
    }

    private void showMeaning() {
        int i = meaning.getSelectionIndex();
        String d = i < 0 ? null : meanings.get(i).getDescription();
        meaningText.setText(d == null ? "" : d);
        meaningText.getParent().layout(true);
    }

    @Override
    void submit() {
        if (meaning.getSelectionIndex() < 0) {
            throw new IllegalArgumentException("Choose what your signature means.");
        }
        char[] pw = password.getTextChars();
        try {
            signature = store.signatures().sign(record.getId(), userId.getText().trim(), pw,
                    meaning.getItem(meaning.getSelectionIndex()));
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

    public Signature signature() {
        return signature;
    }
}
