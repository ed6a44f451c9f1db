package qms.ui;

import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * A module's dialogs (an incident's notification, a vendor's qualification decision): resizable, the window title, a
 * body of labelled rows under the title area.
 */
public abstract class TitledDialog extends TitleAreaDialog {

    private final String windowTitle;

    protected TitledDialog(Shell parent, String windowTitle) {
        super(parent);
        this.windowTitle = windowTitle;
        setShellStyle(getShellStyle() | SWT.RESIZE | SWT.MAX);
        setHelpAvailable(false);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(windowTitle);
    }

    /** The area's body with the heading and the message set: a grid of {@code columns} columns. */
    protected Composite body(Composite area, String heading, String message, int columns) {
        setTitle(heading);
        setMessage(message);
        Composite c = new Composite(area, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(c);
        GridLayoutFactory.fillDefaults().numColumns(columns).margins(10, 8).applyTo(c);
        return c;
    }

    /** A table with its header and lines shown, and columns {title, width in pixels}. */
    protected static org.eclipse.swt.widgets.Table table(Composite parent, int style, String[][] columns) {
        org.eclipse.swt.widgets.Table table = new org.eclipse.swt.widgets.Table(parent, SWT.BORDER | SWT.FULL_SELECTION
                | SWT.V_SCROLL | style);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (String[] col : columns) {
            org.eclipse.swt.widgets.TableColumn tc = new org.eclipse.swt.widgets.TableColumn(table, SWT.LEFT);
            tc.setText(col[0]);
            tc.setWidth(Integer.parseInt(col[1]));
        }
        return table;
    }

    /** A labelled text row: one line, or several lines {@code lines} high (wrapped, scrolled). */
    protected static Text text(Composite body, String label, int lines) {
        Label l = new Label(body, SWT.NONE);
        l.setText(label);
        GridDataFactory.fillDefaults().align(SWT.LEFT, SWT.TOP).applyTo(l);
        Text t = new Text(body, SWT.BORDER | (lines > 1 ? SWT.MULTI | SWT.WRAP | SWT.V_SCROLL : SWT.SINGLE));
        GridDataFactory.fillDefaults().grab(true, lines > 1).hint(460, lines > 1 ? lines * t.getLineHeight()
                : SWT.DEFAULT).applyTo(t);
        return t;
    }
}
