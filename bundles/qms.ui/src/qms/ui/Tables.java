package qms.ui;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Table;

/**
 * GTK 3 does not paint the rows of a table filled before it had its first size (a view or form that reads its rows
 * while it is being made): the counts beside it are right, the table looks empty until the window is resized. Each
 * table the suite fills that way gets its size once more right after its first one, which has GTK lay its rows out
 * and paint them.
 */
public final class Tables {

    private Tables() {
    }

    /** Has the table paint its rows once it is first shown with a size. */
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
}
