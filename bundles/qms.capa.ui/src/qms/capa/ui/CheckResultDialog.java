package qms.capa.ui;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import qms.capa.model.Capa;
import qms.capa.model.EffectivenessResult;
import qms.core.Query;
import qms.core.RecordStore;
import qms.model.EvidenceFile;
import qms.model.QmsPackage;

/** The result of a CAPA's effectiveness check: Effective, Ineffective or Inconclusive, what was found, the evidence. */
final class CheckResultDialog extends TitleAreaDialog {

    private final RecordStore store;
    private final Capa capa;
    private final List<EvidenceFile> files = new ArrayList<>();
    private Combo resultCombo;
    private Text noteText;
    private Table evidenceTable;
    private EffectivenessResult result;
    private String note;
    private final List<EvidenceFile> evidence = new ArrayList<>();

    CheckResultDialog(Shell parent, RecordStore store, Capa capa) {
        super(parent);
        this.store = store;
        this.capa = capa;
        setShellStyle(getShellStyle() | SWT.RESIZE);
        setHelpAvailable(false);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Record Check Result");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Effectiveness check of " + capa.getTitle());
        java.util.Optional<String> early = new qms.capa.core.CapaLifecycle(store).earlyCheck(capa);
        setMessage("Success criteria: " + capa.getSuccessCriteria() + "\n" + early.orElse("The result is verified"
                + " (signed) by someone who does not own the CAPA."), early.isPresent()
                        ? IMessageProvider.WARNING : IMessageProvider.NONE);
        Composite c = new Composite(area, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(c);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(c);
        new Label(c, SWT.NONE).setText("&Result:");
        resultCombo = new Combo(c, SWT.READ_ONLY | SWT.DROP_DOWN);
        for (EffectivenessResult r : EffectivenessResult.VALUES) {
            resultCombo.add(r.getLiteral());
        }
        Label l = new Label(c, SWT.NONE);
        l.setText("&Found:");
        GridDataFactory.fillDefaults().align(SWT.LEFT, SWT.TOP).applyTo(l);
        noteText = new Text(c, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL);
        GridDataFactory.fillDefaults().grab(true, false).hint(480, 70).applyTo(noteText);
        Label e = new Label(c, SWT.NONE);
        e.setText("&Evidence:");
        GridDataFactory.fillDefaults().align(SWT.LEFT, SWT.TOP).applyTo(e);
        evidenceTable = new Table(c, SWT.BORDER | SWT.CHECK | SWT.V_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).hint(480, 150).applyTo(evidenceTable);
        for (var r : store.list(Query.of(QmsPackage.Literals.EVIDENCE_FILE).orderBy(
                QmsPackage.Literals.EVIDENCE_FILE__NAME, false).page(0, 500))) {
            EvidenceFile f = (EvidenceFile) r;
            files.add(f);
            TableItem item = new TableItem(evidenceTable, SWT.NONE);
            item.setText(f.getName() + (f.getSha256() == null ? "  (no content)" : "  SHA-256 " + f.getSha256()
                    .substring(0, 16) + "\u2026"));
        }
        return area;
    }

    @Override
    protected void okPressed() {
        if (resultCombo.getSelectionIndex() < 0) {
            setErrorMessage("Choose the result of the check.");
            return;
        }
        result = EffectivenessResult.VALUES.get(resultCombo.getSelectionIndex());
        note = noteText.getText();
        for (int i = 0; i < files.size(); i++) {
            if (evidenceTable.getItem(i).getChecked()) {
                evidence.add(files.get(i));
            }
        }
        super.okPressed();
    }

    EffectivenessResult result() {
        return result;
    }

    String note() {
        return note;
    }

    List<EvidenceFile> evidence() {
        return evidence;
    }
}
