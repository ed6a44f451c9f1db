package qms.capa.ui;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DateTime;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import qms.capa.model.ActionStatus;
import qms.capa.model.Capa;
import qms.capa.model.CapaAction;
import qms.capa.model.ExtendedDate;

/** Asks which due date of a CAPA to move, to when, and why; an approver signs it before the date moves. */
final class ExtensionDialog extends TitleAreaDialog {

    private final Capa capa;
    private final LocalDate today;
    private final List<ExtendedDate> kinds = new ArrayList<>();
    private final List<CapaAction> actions = new ArrayList<>();
    private Combo target;
    private DateTime date;
    private Text reasonText;
    private ExtendedDate which;
    private CapaAction action;
    private LocalDate newDue;
    private String reason;

    ExtensionDialog(Shell parent, Capa capa, LocalDate today) {
        super(parent);
        this.capa = capa;
        this.today = today;
        setShellStyle(getShellStyle() | SWT.RESIZE);
        setHelpAvailable(false);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Request Due-date Extension");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Extend a due date of " + capa.getTitle());
        setMessage("The date moves only when an approver signs the extension; the request and its reason stay in the"
                + " CAPA's history.");
        Composite c = new Composite(area, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(c);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(c);
        new Label(c, SWT.NONE).setText("&Date to move:");
        target = new Combo(c, SWT.READ_ONLY | SWT.DROP_DOWN);
        add(ExtendedDate.CAPA_DUE, null, "CAPA due date (" + day(capa.getDueDate()) + ")");
        if (capa.getEffectivenessDue() != null) {
            add(ExtendedDate.EFFECTIVENESS_DUE, null, "Effectiveness check (" + day(capa.getEffectivenessDue())
                    + ")");
        }
        for (CapaAction a : capa.getActions()) {
            if (a.getStatus() != ActionStatus.DONE && a.getStatus() != ActionStatus.CANCELLED) {
                add(ExtendedDate.ACTION_DUE, a, "Action: " + a.getDescription() + " (" + day(a.getDue()) + ")");
            }
        }
        target.select(0);
        new Label(c, SWT.NONE).setText("&New due date:");
        date = new DateTime(c, SWT.DATE | SWT.DROP_DOWN | SWT.BORDER);
        LocalDate proposed = today.plusDays(30);
        date.setDate(proposed.getYear(), proposed.getMonthValue() - 1, proposed.getDayOfMonth());
        Label l = new Label(c, SWT.NONE);
        l.setText("&Reason:");
        GridDataFactory.fillDefaults().align(SWT.LEFT, SWT.TOP).applyTo(l);
        reasonText = new Text(c, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).hint(460, 80).applyTo(reasonText);
        return area;
    }

    private void add(ExtendedDate kind, CapaAction a, String label) {
        kinds.add(kind);
        actions.add(a);
        target.add(label);
    }

    private static String day(java.util.Date d) {
        return d == null ? "not set" : LocalDate.ofInstant(d.toInstant(), java.time.ZoneOffset.UTC).toString();
    }

    @Override
    protected void okPressed() {
        if (reasonText.getText().isBlank()) {
            setErrorMessage("An extension needs a reason.");
            return;
        }
        int i = target.getSelectionIndex();
        which = kinds.get(i);
        action = actions.get(i);
        newDue = LocalDate.of(date.getYear(), date.getMonth() + 1, date.getDay());
        reason = reasonText.getText();
        super.okPressed();
    }

    ExtendedDate which() {
        return which;
    }

    CapaAction action() {
        return action;
    }

    LocalDate newDue() {
        return newDue;
    }

    String reason() {
        return reason;
    }
}
