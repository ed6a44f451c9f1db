package qms.ui.testing;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * A {@link Table} (plain or behind a JFace {@code TableViewer}).
 */
public final class TableBot extends AbstractWidgetBot<Table> {

    TableBot(Bot bot, Table table, String description) {
        super(bot, table, description);
    }

    /**
     * Returns the number of rows.
     *
     * @return the item count
     */
    public int rowCount() {
        return bot.syncExec(() -> {
            checkNotDisposed();
            return widget.getItemCount();
        });
    }

    /**
     * Returns the text of a cell.
     *
     * @param row the 0-based row
     * @param column the 0-based column (0 for tables without columns)
     * @return the cell text
     */
    public String cell(int row, int column) {
        return bot.syncExec(() -> item(row).getText(column));
    }

    /**
     * Returns the column titles.
     *
     * @return the titles, in creation order
     */
    public List<String> columnTitles() {
        return bot.syncExec(() -> {
            checkNotDisposed();
            List<String> titles = new ArrayList<>();
            for (TableColumn column : widget.getColumns()) {
                titles.add(column.getText());
            }
            return titles;
        });
    }

    /**
     * Tells whether any cell's text equals {@code text}.
     *
     * @param text the text to look for
     * @return {@code true} if some cell has exactly this text
     */
    public boolean containsItem(String text) {
        return bot.syncExec(() -> {
            checkNotDisposed();
            int columns = Math.max(1, widget.getColumnCount());
            for (TableItem item : widget.getItems()) {
                for (int c = 0; c < columns; c++) {
                    if (text.equals(item.getText(c))) {
                        return true;
                    }
                }
            }
            return false;
        });
    }

    /**
     * Selects a row ({@code setSelection}) and notifies {@link SWT#Selection} with the row's item.
     *
     * @param row the 0-based row
     */
    public void select(int row) {
        waitUntilEnabled();
        bot.action("select row " + row + " of " + description, () -> {
            TableItem item = item(row);
            widget.setFocus();
            widget.setSelection(row);
            notify(SWT.Selection, item);
        });
    }

    /**
     * Selects a row and then notifies {@link SWT#DefaultSelection} (a double click) with its item.
     *
     * @param row the 0-based row
     */
    public void doubleClick(int row) {
        select(row);
        bot.action("double-click row " + row + " of " + description, () -> notify(SWT.DefaultSelection, item(row)));
    }

    /** UI thread: the item of a row, or an AssertionError naming the row count. */
    private TableItem item(int row) {
        checkNotDisposed();
        int count = widget.getItemCount();
        if (row < 0 || row >= count) {
            throw new AssertionError("row " + row + " does not exist in " + description + ", which has " + count
                    + " rows");
        }
        return widget.getItem(row);
    }

    private void notify(int type, TableItem item) {
        if (widget.isDisposed()) {
            return;
        }
        Event event = Bot.event(widget);
        event.item = item;
        widget.notifyListeners(type, event);
    }
}
