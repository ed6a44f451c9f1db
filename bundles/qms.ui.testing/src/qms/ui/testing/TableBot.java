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

    /**
     * Moves the pointer onto a cell and rests it there ({@link SWT#MouseMove}, then {@link SWT#MouseHover}, near the
     * cell's left edge, as GTK reports a pointer that arrived and stopped) and returns the text of the tooltip that
     * opens for it: a JFace tooltip's own shell (the viewer's {@code ColumnViewerToolTipSupport}), or else the
     * table's native tooltip, which may be null (none). Waits for a JFace tooltip a while.
     *
     * @param row the 0-based row
     * @param column the 0-based column
     * @return the tooltip's text, as shown
     */
    public String hover(int row, int column) {
        java.util.Set<org.eclipse.swt.widgets.Shell> before = new java.util.HashSet<>(bot.syncExec(
                () -> java.util.List.of(widget.getDisplay().getShells())));
        bot.action("rest the pointer on row " + row + ", column " + column + " of " + description, () -> {
            org.eclipse.swt.graphics.Rectangle cell = item(row).getBounds(column);
            Event event = Bot.event(widget);
            event.x = cell.x + Math.min(cell.width / 2, 20);
            event.y = cell.y + cell.height / 2;
            widget.notifyListeners(SWT.MouseMove, event);
            Event rest = Bot.event(widget);
            rest.x = event.x;
            rest.y = event.y;
            widget.notifyListeners(SWT.MouseHover, rest);
        });
        long until = System.nanoTime() + 2_000_000_000L; // a JFace tooltip opens at once, a native one is set
        while (true) {
            String[] shown = bot.syncExec(() -> {
                for (org.eclipse.swt.widgets.Shell s : widget.getDisplay().getShells()) {
                    if (!before.contains(s) && !s.isDisposed() && s.isVisible() && shownText(s) != null) {
                        return new String[] { shownText(s) };
                    }
                }
                return widget.getToolTipText() != null ? new String[] { widget.getToolTipText() } : null;
            });
            if (shown != null || System.nanoTime() - until >= 0) {
                return shown == null ? null : shown[0];
            }
            bot.sleep(50);
        }
    }

    /** UI thread: the text a tooltip's shell shows (its first label), or null. */
    private static String shownText(org.eclipse.swt.widgets.Composite c) {
        for (org.eclipse.swt.widgets.Control child : c.getChildren()) {
            if (child instanceof org.eclipse.swt.custom.CLabel l) {
                return l.getText();
            }
            if (child instanceof org.eclipse.swt.widgets.Label l) {
                return l.getText();
            }
            if (child instanceof org.eclipse.swt.widgets.Composite inner) {
                String text = shownText(inner);
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
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
