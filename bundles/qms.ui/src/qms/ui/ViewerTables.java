package qms.ui;

import java.util.function.Function;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;

/**
 * The tables of the modules' task and register views: rows of one type, one selected at a time, header and lines
 * shown, filling their grid cell; columns given as functions of the row, with a colour (overdue in red) and the full
 * text as the cell's tooltip, so that nothing cut off is out of reach.
 */
public final class ViewerTables {

    private ViewerTables() {
    }

    /** A table viewer of an array or list of rows in a grid-layout parent. */
    public static TableViewer create(Composite parent) {
        TableViewer viewer = new TableViewer(parent, SWT.FULL_SELECTION | SWT.SINGLE | SWT.V_SCROLL | SWT.H_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(viewer.getControl());
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        Tables.paintRowsWhenShown(viewer.getTable());
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        ColumnViewerToolTipSupport.enableFor(viewer);
        return viewer;
    }

    /**
     * A column: its text for a row, and the row's foreground colour (a system colour id such as
     * {@link SWT#COLOR_DARK_RED}, or {@link SWT#NONE} for the default).
     */
    @SuppressWarnings("unchecked")
    public static <T> TableViewerColumn column(TableViewer viewer, String title, int width, Function<T, String> text,
            Function<T, Integer> colour) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((T) element);
            }

            @Override
            public String getToolTipText(Object element) {
                String t = text.apply((T) element);
                return t == null || t.isEmpty() ? null : t;
            }

            @Override
            public Color getForeground(Object element) {
                int id = colour.apply((T) element);
                return id == SWT.NONE ? null : viewer.getControl().getDisplay().getSystemColor(id);
            }
        });
        return c;
    }
}
