package qms.ui.security;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Shell;

/**
 * What the screen shows between the sign-in dialog closing and the window appearing: who signed in and what the
 * start is doing ("Opening the window…"), with a bar that moves at each phase. The UI thread is busy building the
 * window, so each phase paints the shell at once instead of waiting for the event loop. It closes when the window
 * is open.
 */
public final class StartProgress {

    /** The shell's text (it has no title bar; a screen reader and a test find it by it). */
    public static final String TITLE = "CRO Quality Suite \u2014 starting";
    private static final int STEPS = 3;

    /** What the last start showed, for a test to read after it (UI thread writes, anyone reads). */
    public record Shown(List<String> phases, boolean painted, boolean beforeWindow, boolean openUntilWindow) {
    }

    private static StartProgress current;
    private static volatile Shown last;

    private final Shell shell;
    private final Label phase;
    private final ProgressBar bar;
    private final List<String> phases = new ArrayList<>();
    private boolean painted;
    private final boolean beforeWindow;

    private StartProgress(Display display, String who, boolean beforeWindow) {
        this.beforeWindow = beforeWindow;
        shell = new Shell(display, SWT.ON_TOP | SWT.NO_TRIM);
        shell.setText(TITLE);
        GridLayout outer = new GridLayout();
        outer.marginWidth = 1;
        outer.marginHeight = 1;
        shell.setLayout(outer);
        shell.setBackground(display.getSystemColor(SWT.COLOR_WIDGET_NORMAL_SHADOW)); // the 1-pixel frame
        Composite body = new Composite(shell, SWT.NONE);
        body.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        GridLayout layout = new GridLayout();
        layout.marginWidth = 24;
        layout.marginHeight = 18;
        layout.verticalSpacing = 10;
        body.setLayout(layout);
        Label title = new Label(body, SWT.NONE);
        title.setText("CRO Quality Suite");
        title.setFont(org.eclipse.jface.resource.JFaceResources.getHeaderFont());
        Label signedIn = new Label(body, SWT.NONE);
        signedIn.setText("Signed in: " + who);
        phase = new Label(body, SWT.NONE);
        phase.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        phase.addListener(SWT.Paint, e -> painted = true);
        bar = new ProgressBar(body, SWT.HORIZONTAL | SWT.SMOOTH);
        bar.setMaximum(STEPS);
        GridData wide = new GridData(SWT.FILL, SWT.CENTER, true, false);
        wide.widthHint = 420;
        bar.setLayoutData(wide);
        shell.pack();
        org.eclipse.swt.graphics.Rectangle screen = display.getPrimaryMonitor().getClientArea();
        org.eclipse.swt.graphics.Point size = shell.getSize();
        shell.setLocation(screen.x + (screen.width - size.x) / 2, screen.y + (screen.height - size.y) / 2);
    }

    /**
     * Shows the progress after a sign-in, before the first window (UI thread).
     *
     * @param who who signed in, as the status line names them
     */
    public static void show(Display display, String who) {
        close();
        boolean noWindow = !org.eclipse.ui.PlatformUI.isWorkbenchRunning() || org.eclipse.ui.PlatformUI
                .getWorkbench().getWorkbenchWindowCount() == 0;
        current = new StartProgress(display, who, noWindow);
        current.shell.open();
        current.next("Opening the window\u2026");
        // before the window the display's event loop may run (the sign-in dialogs' did): let the shell's mapping and
        // exposure through, a bounded number of events, so that it is on the screen before the UI thread gets busy
        for (int i = 0; i < 50 && display.readAndDispatch(); i++) {
            // the shell's pending events
        }
        current.shell.update();
    }

    /** The next phase of the start, painted at once; nothing if no progress is shown (UI thread). */
    public static void phase(String text) {
        StartProgress p = current;
        if (p == null || p.shell.isDisposed()) {
            return;
        }
        p.next(text);
        // the window is being built and runs no event loop until it is open: nothing else is dispatched, only what
        // changed is painted now
        p.shell.update();
    }

    private void next(String text) {
        phases.add(text);
        phase.setText(text);
        bar.setSelection(Math.min(STEPS, phases.size()));
        phase.getParent().layout(new org.eclipse.swt.widgets.Control[] { phase });
    }

    /** Closes the progress once the window is open (UI thread); nothing if none is shown. */
    public static void close() {
        StartProgress p = current;
        current = null;
        if (p == null || p.shell.isDisposed()) {
            return;
        }
        last = new Shown(List.copyOf(p.phases), p.painted, p.beforeWindow, p.shell.isVisible());
        p.shell.dispose();
    }

    /** What the last start's progress showed, or null if none was shown yet. */
    public static Shown last() {
        return last;
    }
}
