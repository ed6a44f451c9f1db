package qms.sop.ui;

import java.util.List;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

import qms.core.RecordDiff;
import qms.core.RecordStore;
import qms.core.Records;
import qms.sop.core.SopPdf;
import qms.sop.core.SopVersions;
import qms.sop.core.VersionComparison;
import qms.sop.model.SopVersion;
import qms.ui.TitledDialog;

/**
 * Two versions of one SOP side by side: one row per difference (field, row of the matrix or step, added / removed /
 * changed, the text in each version, whole in the tooltip); the older version is chosen in a list, the previous one
 * first. "Export PDF…" writes the same comparison.
 */
final class CompareDialog extends TitledDialog {

    static final String TITLE = "Compare SOP Versions";
    static final int EXPORT_ID = IDialogConstants.CLIENT_ID + 1;

    private final RecordStore store;
    private final SopVersion version;
    private final List<SopVersion> others;
    private Combo against;
    private Table table;
    private Label count;
    private List<RecordDiff.Change> shown = List.of();
    private org.eclipse.swt.widgets.Text before;
    private org.eclipse.swt.widgets.Text after;

    CompareDialog(Shell parent, RecordStore store, SopVersion version) {
        super(parent, TITLE);
        this.store = store;
        this.version = version;
        this.others = SopVersions.of(store, Records.id(version.getSop())).stream().filter(v -> !v.getId().equals(
                version.getId())).toList();
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Composite c = body(area, "Changes to " + SopVersions.name(version), others.isEmpty() ? "This is the SOP's"
                + " only version: there is nothing to compare it with." : "Every field, escalation rule and step that"
                        + " differs between the two versions.", 3);
        new Label(c, SWT.NONE).setText("Compare with:");
        against = new Combo(c, SWT.READ_ONLY);
        others.forEach(v -> against.add(SopVersions.name(v) + " (" + v.getStatus().getLiteral() + ")"));
        count = new Label(c, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(count);
        table = table(c, SWT.H_SCROLL, new String[][] { { "Field", "120" }, { "Row", "110" }, { "Change", "75" }, {
                "Before", "340" }, { "After", "340" } });
        GridDataFactory.fillDefaults().span(3, 1).grab(true, true).hint(1000, 300).applyTo(table);
        Composite panes = new Composite(c, SWT.NONE);
        GridDataFactory.fillDefaults().span(3, 1).grab(true, false).applyTo(panes);
        org.eclipse.jface.layout.GridLayoutFactory.fillDefaults().numColumns(2).equalWidth(true).applyTo(panes);
        before = pane(panes);
        after = pane(panes);
        table.addListener(SWT.Selection, e -> showSelected());
        table.addListener(SWT.MouseHover, e -> {
            TableItem item = table.getItem(new org.eclipse.swt.graphics.Point(e.x, e.y));
            if (item != null && table.indexOf(item) < shown.size()) {
                RecordDiff.Change ch = shown.get(table.indexOf(item));
                table.setToolTipText(ch.field() + (ch.item().isEmpty() ? "" : " " + ch.item()) + "\n\nBefore:\n"
                        + ch.before() + "\n\nAfter:\n" + ch.after());
            }
        });
        if (!others.isEmpty()) {
            against.select(defaultIndex());
            against.addListener(SWT.Selection, e -> fill());
            fill();
        }
        against.setEnabled(!others.isEmpty());
        return area;
    }

    /** The version just before this one, else the newest other. */
    private int defaultIndex() {
        int best = others.size() - 1;
        for (int i = 0; i < others.size(); i++) {
            if (others.get(i).getVersionNumber() < version.getVersionNumber()) {
                best = i;
            }
        }
        return best;
    }

    private SopVersion other() {
        return others.get(against.getSelectionIndex());
    }

    /** The older of the two first. */
    private SopVersion[] pair() {
        SopVersion o = other();
        return o.getVersionNumber() < version.getVersionNumber() ? new SopVersion[] { o, version }
                : new SopVersion[] { version, o };
    }

    private void fill() {
        SopVersion[] p = pair();
        table.removeAll();
        table.getColumn(3).setText(SopVersions.name(p[0]));
        table.getColumn(4).setText(SopVersions.name(p[1]));
        List<RecordDiff.Change> changes = VersionComparison.changes(store, p[0], p[1]);
        for (RecordDiff.Change ch : changes) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(new String[] { ch.field(), ch.item(), ch.kind().label(), oneLine(ch.before()), oneLine(ch
                    .after()) });
            item.setForeground(2, colour(ch.kind()));
        }
        shown = changes;
        if (!changes.isEmpty()) {
            table.select(0);
        }
        showSelected();
        count.setText(changes.size() + " difference(s) from " + SopVersions.name(p[0]) + " to " + SopVersions.name(
                p[1]));
        count.getParent().layout();
    }

    /** A row of the matrix or a step a field a line; a plain field's text as written. */
    private static String fields(RecordDiff.Change ch, String text) {
        return ch.item().isEmpty() ? text : text.replace("; ", "\n");
    }

    /** A read-only pane under the table with the selected row's text, whole, a field a line. */
    private static org.eclipse.swt.widgets.Text pane(Composite c) {
        org.eclipse.swt.widgets.Text t = new org.eclipse.swt.widgets.Text(c, SWT.BORDER | SWT.MULTI | SWT.WRAP
                | SWT.V_SCROLL | SWT.READ_ONLY);
        GridDataFactory.fillDefaults().grab(true, false).hint(480, 130).applyTo(t);
        return t;
    }

    private Color colour(RecordDiff.Kind kind) {
        return getShell().getDisplay().getSystemColor(switch (kind) {
        case ADDED -> SWT.COLOR_DARK_GREEN;
        case REMOVED -> SWT.COLOR_DARK_RED;
        case CHANGED -> SWT.COLOR_DARK_BLUE;
        });
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ');
    }

    /** The selected difference's two texts, whole, in the panes below the table. */
    private void showSelected() {
        int i = table.getSelectionIndex();
        RecordDiff.Change ch = i < 0 || i >= shown.size() ? null : shown.get(i);
        before.setText(ch == null ? "" : fields(ch, ch.before()));
        after.setText(ch == null ? "" : fields(ch, ch.after()));
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        Button export = createButton(parent, EXPORT_ID, "Export PDF\u2026", false);
        export.setEnabled(!others.isEmpty());
        createButton(parent, IDialogConstants.CLOSE_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    @Override
    protected void buttonPressed(int buttonId) {
        if (buttonId == EXPORT_ID) {
            SopVersion[] p = pair();
            PdfExport.chooseAndWrite(getShell(), TITLE, "Changes " + SopVersions.name(p[0]) + " to " + SopVersions
                    .name(p[1]), f -> new SopPdf(store).comparison(p[0], p[1], f));
        } else if (buttonId == IDialogConstants.CLOSE_ID) {
            close();
        }
        super.buttonPressed(buttonId);
    }
}
