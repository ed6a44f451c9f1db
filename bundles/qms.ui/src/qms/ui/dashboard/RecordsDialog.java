package qms.ui.dashboard;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IWorkbenchPage;

import qms.core.RecordStore;
import qms.core.Records;
import qms.core.Validation;
import qms.model.Record;
import qms.ui.TitledDialog;
import qms.ui.editor.RecordEditor;

/**
 * The records behind a bar of the dashboard: their type and name; *Open* (or a double-click) opens the selected ones'
 * forms. Long lists show their first {@value #SHOWN}.
 */
public final class RecordsDialog extends TitledDialog {

    static final int SHOWN = 1000;
    private static final int OPEN = IDialogConstants.CLIENT_ID + 1;

    private final String heading;
    private final List<Record> records = new ArrayList<>();
    private final int total;
    private final IWorkbenchPage page;
    private Table table;

    public RecordsDialog(Shell parent, IWorkbenchPage page, RecordStore store, String heading, List<String> ids) {
        super(parent, "Records behind the chart");
        this.page = page;
        this.heading = heading;
        this.total = ids.size();
        for (String id : ids.subList(0, Math.min(SHOWN, ids.size()))) {
            store.find(id).ifPresent(records::add);
        }
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Composite body = body(area, heading, total > records.size() ? "The first " + records.size() + " of " + total
                + " records. Double-click one to open its form." : records.size() + (records.size() == 1 ? " record"
                        : " records") + ". Double-click one to open its form.", 1);
        table = table(body, SWT.MULTI, new String[][] { { "Type", "180" }, { "Record", "460" } });
        GridDataFactory.fillDefaults().grab(true, true).hint(660, 320).applyTo(table);
        qms.ui.Tables.showCutCellsWhole(table, null); // a long record label
        for (Record r : records) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(new String[] { Validation.typeLabel(r.eClass()), Records.label(r) });
        }
        if (!records.isEmpty()) {
            table.select(0);
        }
        table.addListener(SWT.DefaultSelection, e -> buttonPressed(OPEN));
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, OPEN, "&Open", true).setEnabled(!records.isEmpty());
        createButton(parent, IDialogConstants.CLOSE_ID, IDialogConstants.CLOSE_LABEL, false);
    }

    @Override
    protected void buttonPressed(int id) {
        if (id == OPEN) {
            int[] selected = table.getSelectionIndices();
            close();
            for (int i : selected) {
                RecordEditor.open(page, records.get(i));
            }
        } else {
            close();
        }
    }
}
