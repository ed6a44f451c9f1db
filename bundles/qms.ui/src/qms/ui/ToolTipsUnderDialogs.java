package qms.ui;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.swt.widgets.Widget;

/**
 * No tooltip left painted over the dialog a button opened. GTK keeps showing the tooltip of the tool item or push
 * button the pointer rested on while the modal dialog it opened runs its own event loop, over the dialog. For every
 * tool bar and push button of the suite and the workbench: a click takes the clicked one's tooltip away (which hides
 * it), and gives it back once the modal dialogs it opened are closed (not those it is in, or that were open
 * already), or at once when it opened none.
 */
public final class ToolTipsUnderDialogs {

    private static final int MODAL = SWT.APPLICATION_MODAL | SWT.PRIMARY_MODAL | SWT.SYSTEM_MODAL;

    private ToolTipsUnderDialogs() {
    }

    /** Installs the filter on the display (UI thread), once. */
    public static void install(Display display) {
        if (display.getData(ToolTipsUnderDialogs.class.getName()) != null) {
            return;
        }
        display.setData(ToolTipsUnderDialogs.class.getName(), Boolean.TRUE);
        display.addFilter(SWT.Selection, ToolTipsUnderDialogs::clicked);
    }

    private static void clicked(Event e) {
        Widget w = e.widget;
        if (!(w instanceof ToolItem item && !item.isDisposed())
                && !(w instanceof Button b && !b.isDisposed() && (b.getStyle() & SWT.PUSH) != 0)) {
            return;
        }
        String tip = tip(w);
        if (tip == null) {
            return;
        }
        setTip(w, null); // hides the one shown
        // the dialogs open before the click, the one the button is in and those under it, are not the click's
        java.util.Set<Shell> before = new java.util.HashSet<>(java.util.List.of(w.getDisplay().getShells()));
        // runs in the next event loop: the dialog's if the click opened one, the window's if it did not
        w.getDisplay().asyncExec(() -> giveBackAfterDialogs(w, tip, before));
    }

    private static void giveBackAfterDialogs(Widget w, String tip, java.util.Set<Shell> before) {
        if (w.isDisposed()) {
            return;
        }
        for (Shell s : w.getDisplay().getShells()) {
            if (!before.contains(s) && !s.isDisposed() && s.isVisible() && (s.getStyle() & MODAL) != 0) {
                s.addListener(SWT.Dispose, e -> w.getDisplay().asyncExec(() -> giveBackAfterDialogs(w, tip,
                        before)));
                return;
            }
        }
        if (tip(w) == null) { // unless the button was given another one meanwhile
            setTip(w, tip);
        }
    }

    private static String tip(Widget w) {
        return w instanceof ToolItem item ? item.getToolTipText() : ((Control) w).getToolTipText();
    }

    private static void setTip(Widget w, String tip) {
        if (w instanceof ToolItem item) {
            item.setToolTipText(tip);
        } else {
            ((Control) w).setToolTipText(tip);
        }
    }
}
