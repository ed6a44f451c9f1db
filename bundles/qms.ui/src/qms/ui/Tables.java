package qms.ui;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Table;

/**
 * What every table of the suite needs beyond SWT's: its rows painted when it is first shown, and a cell that its
 * column cuts off shown whole in a tooltip.
 */
public final class Tables {

    private Tables() {
    }

    /**
     * GTK 3 does not paint the rows of a table filled before it had its first size (a view or form that reads its
     * rows while it is being made): the counts beside it are right, the table looks empty until the window is
     * resized. The table gets its size once more right after its first one, which has GTK lay its rows out and paint
     * them.
     */
    public static Table paintRowsWhenShown(Table table) {
        Listener first = new Listener() {
            @Override
            public void handleEvent(org.eclipse.swt.widgets.Event e) {
                Point size = table.getSize();
                if (size.x <= 0 || size.y <= 0) {
                    return;
                }
                table.removeListener(SWT.Resize, this);
                table.getDisplay().asyncExec(() -> {
                    if (table.isDisposed()) {
                        return;
                    }
                    Point now = table.getSize();
                    table.setSize(now.x, now.y + 1); // a size of its own again: GTK allocates the rows anew
                    table.setSize(now);
                });
            }
        };
        table.addListener(SWT.Resize, first);
        return table;
    }

    private static final String OTHERWISE = Tables.class.getName() + ".otherwise";

    /**
     * While the pointer is on a cell whose text its column cuts off (too wide, or more than one line), the table's
     * tooltip is that text, whole; elsewhere it is {@code otherwise} (or none), or what {@link #setToolTip} set
     * since. For plain tables; a JFace viewer with {@code ColumnViewerToolTipSupport} has its own.
     */
    public static Table showCutCellsWhole(Table table, String otherwise) {
        setToolTip(table, otherwise);
        Listener pointer = new Listener() {
            private org.eclipse.swt.widgets.TableItem lastItem;
            private int lastColumn = -1;
            private String lastText;
            private int lastRoom;
            private boolean lastCut;

            @Override
            public void handleEvent(org.eclipse.swt.widgets.Event e) {
                String fallback = (String) table.getData(OTHERWISE);
                String tip = fallback;
                org.eclipse.swt.widgets.TableItem item = table.getItem(new Point(e.x, e.y));
                if (item != null) {
                    for (int c = 0; c < Math.max(1, table.getColumnCount()); c++) {
                        org.eclipse.swt.graphics.Rectangle cell = item.getBounds(c);
                        if (cell.contains(e.x, e.y)) {
                            org.eclipse.swt.graphics.Rectangle text = item.getTextBounds(c);
                            int room = Math.min(text.width, cell.x + cell.width - text.x);
                            String shown = item.getText(c);
                            tip = cut(item, c, shown, room) ? shown : fallback;
                            break;
                        }
                    }
                }
                if (!java.util.Objects.equals(tip, table.getToolTipText())) {
                    table.setToolTipText(tip);
                }
            }

            /** Measures a cell's text only when the pointer moved onto another cell, or the cell changed. */
            private boolean cut(org.eclipse.swt.widgets.TableItem item, int column, String text, int room) {
                if (item != lastItem || column != lastColumn || room != lastRoom
                        || !java.util.Objects.equals(text, lastText)) {
                    lastItem = item;
                    lastColumn = column;
                    lastText = text;
                    lastRoom = room;
                    lastCut = cutOff(table, text, room);
                }
                return lastCut;
            }
        };
        table.addListener(SWT.MouseMove, pointer);
        table.addListener(SWT.MouseHover, pointer);
        table.addListener(SWT.MouseExit, e -> table.setToolTipText((String) table.getData(OTHERWISE)));
        return table;
    }

    /**
     * Sets a control's tooltip; on a table that {@link #showCutCellsWhole shows cut cells whole}, the one it shows
     * where no cell is cut off, which a plain {@code setToolTipText} would lose at the pointer's next move.
     */
    public static void setToolTip(org.eclipse.swt.widgets.Control control, String tip) {
        control.setData(OTHERWISE, tip);
        control.setToolTipText(tip);
    }

    private static boolean cutOff(Table table, String text, int room) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        if (text.indexOf('\n') >= 0) {
            return true;
        }
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(table);
        try {
            gc.setFont(table.getFont());
            return gc.textExtent(text).x > room;
        } finally {
            gc.dispose();
        }
    }
}
