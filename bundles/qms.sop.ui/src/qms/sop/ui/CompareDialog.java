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

/**
 * Two versions of one SOP side by side: one row per difference (field, row of the matrix or step, added / removed /
 * changed, the text in each version, whole in the tooltip); the older version is chosen in a list, the previous one
 * first. "Export PDF…" writes the same comparison.
 */
final class CompareDialog extends SopDialog {

    static final String TITLE = "Compare SOP Versions";
    static final int EXPORT_ID = IDialogConstants.CLIENT_ID + 1;

    private final RecordStore store;
    private final SopVersion version;
    private final List<SopVersion> others;
    private Combo against;
    private Table table;
    private Label count;
    private List<RecordDiff.Change> shown = List.of();

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
        GridDataFactory.fillDefaults().span(3, 1).grab(true, true).hint(1000, 460).applyTo(table);
        wrapCells();
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
            item.setText(new String[] { ch.field(), ch.item(), ch.kind().label(), readable(ch.before()), readable(ch
                    .after()) });
            item.setForeground(2, colour(ch.kind()));
        }
        shown = changes;
        count.setText(changes.size() + " difference(s) from " + SopVersions.name(p[0]) + " to " + SopVersions.name(
                p[1]));
        count.getParent().layout();
    }

    private Color colour(RecordDiff.Kind kind) {
        return getShell().getDisplay().getSystemColor(switch (kind) {
        case ADDED -> SWT.COLOR_DARK_GREEN;
        case REMOVED -> SWT.COLOR_DARK_RED;
        case CHANGED -> SWT.COLOR_DARK_BLUE;
        });
    }

    /** A row's fields one per line ("Number: 5; Action: …" as lines), so that the cell wraps where they part. */
    private static String readable(String s) {
        return s == null ? "" : s.replace("; ", "\n");
    }

    /**
     * The two texts wrapped in their columns, each row as high as its longest text (a table draws one line a row by
     * itself): the whole step or escalation rule is read in place.
     */
    private void wrapCells() {
        table.addListener(SWT.MeasureItem, e -> {
            TableItem item = (TableItem) e.item;
            int width = table.getColumn(e.index).getWidth() - 8;
            org.eclipse.swt.graphics.Point size = wrapped(e.gc, item.getText(e.index), width);
            e.height = Math.max(e.height, size.y + 4);
        });
        table.addListener(SWT.EraseItem, e -> {
            if (e.index >= 3) {
                e.detail &= ~SWT.FOREGROUND;
            }
        });
        table.addListener(SWT.PaintItem, e -> {
            if (e.index < 3) {
                return;
            }
            TableItem item = (TableItem) e.item;
            int width = table.getColumn(e.index).getWidth() - 8;
            int y = e.y + 2;
            for (String line : lines(e.gc, item.getText(e.index), width)) {
                e.gc.drawText(line, e.x + 4, y, true);
                y += e.gc.getFontMetrics().getHeight();
            }
        });
    }

    private static org.eclipse.swt.graphics.Point wrapped(org.eclipse.swt.graphics.GC gc, String text, int width) {
        List<String> lines = lines(gc, text, width);
        return new org.eclipse.swt.graphics.Point(width, Math.max(1, lines.size()) * gc.getFontMetrics()
                .getHeight());
    }

    /** The text broken into lines of at most {@code width} pixels, at spaces (a longer word stays whole). */
    private static List<String> lines(org.eclipse.swt.graphics.GC gc, String text, int width) {
        List<String> out = new java.util.ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                String next = line.length() == 0 ? word : line + " " + word;
                if (line.length() > 0 && gc.textExtent(next).x > width) {
                    out.add(line.toString());
                    line = new StringBuilder(word);
                } else {
                    line = new StringBuilder(next);
                }
            }
            out.add(line.toString());
        }
        return out;
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
