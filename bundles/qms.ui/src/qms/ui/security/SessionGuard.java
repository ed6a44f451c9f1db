package qms.ui.security;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;

import qms.core.Principal;
import qms.core.RecordStore;
import qms.ui.QmsUi;
import qms.ui.Session;

/**
 * Locks the session after the configured idle time (21 CFR 11.10(d), Annex 11 §12): the workbench windows are
 * hidden, so no data shows, until the same user enters the password again; File > Lock Session does the same at
 * once. Signing out closes the editors and asks anyone to sign in. Each step is in the audit trail.
 */
public final class SessionGuard {

    private static final int CHECK_MS = 15_000;

    private static SessionGuard current;

    private final Display display;
    private final String where;
    private long lastActivity = System.currentTimeMillis();
    private boolean locked;
    private final Listener activity = e -> lastActivity = System.currentTimeMillis();

    private SessionGuard(Display display, String where) {
        this.display = display;
        this.where = where;
    }

    /** Starts watching for inactivity (once the workbench runs). */
    public static void install(Display display, String where) {
        SessionGuard guard = new SessionGuard(display, where);
        for (int type : new int[] { SWT.KeyDown, SWT.MouseDown, SWT.MouseMove, SWT.MouseWheel }) {
            display.addFilter(type, guard.activity);
        }
        current = guard;
        display.timerExec(CHECK_MS, guard::check);
    }

    public static SessionGuard get() {
        return current;
    }

    private void check() {
        if (display.isDisposed()) {
            return;
        }
        Principal p = Session.principal();
        if (!locked && p != null) {
            int minutes = QmsUi.get().store().accounts().idleLockMinutes();
            if (System.currentTimeMillis() - lastActivity >= minutes * 60_000L) {
                lock("Session locked after " + minutes + " minutes without input");
            }
        }
        display.timerExec(CHECK_MS, this::check);
    }

    /** Hides the windows and asks the signed-in user for the password; "Exit" closes the suite. */
    public void lock(String why) {
        Principal p = Session.principal();
        if (locked || p == null) {
            return;
        }
        RecordStore store = QmsUi.get().store();
        store.accounts().signOut(p.userId(), why);
        locked = true;
        List<Shell> hidden = hideWindows();
        try {
            SignInDialog dialog = new SignInDialog(null, store.accounts(), p.userId(), where);
            if (dialog.open() == Window.OK) {
                lastActivity = System.currentTimeMillis();
                showWindows(hidden);
            } else { // Exit, confirmed where forms had unsaved changes: they are dropped, nobody being signed in
                Session.end();
                for (IWorkbenchWindow w : PlatformUI.getWorkbench().getWorkbenchWindows()) {
                    for (org.eclipse.ui.IWorkbenchPage page : w.getPages()) {
                        page.closeAllEditors(false);
                    }
                }
                PlatformUI.getWorkbench().close();
            }
        } finally {
            locked = false;
        }
    }

    /** Closes the editors (asking to save), signs the user out and asks anyone to sign in. */
    public void signOut() {
        Principal p = Session.principal();
        IWorkbench workbench = PlatformUI.getWorkbench();
        for (IWorkbenchWindow w : workbench.getWorkbenchWindows()) {
            if (w.getActivePage() != null && !w.getActivePage().closeAllEditors(true)) {
                return;
            }
        }
        RecordStore store = QmsUi.get().store();
        if (p != null) {
            store.accounts().signOut(p.userId(), "Signed out");
        }
        Session.end();
        List<Shell> hidden = hideWindows();
        SignInDialog dialog = new SignInDialog(null, store.accounts(), null, where);
        if (dialog.open() == Window.OK) {
            Session.begin(dialog.principal());
            lastActivity = System.currentTimeMillis();
            showWindows(hidden);
            QmsUi.get().changed(List.of());
            IWorkbenchWindow active = workbench.getActiveWorkbenchWindow();
            if (active != null && active.getActivePage() != null) {
                qms.ui.dashboard.DashboardEditor.open(active.getActivePage()); // as after the first sign-in
            }
        } else {
            workbench.close();
        }
    }

    private static List<Shell> hideWindows() {
        List<Shell> hidden = new ArrayList<>();
        for (IWorkbenchWindow w : PlatformUI.getWorkbench().getWorkbenchWindows()) {
            Shell s = w.getShell();
            if (s != null && !s.isDisposed() && s.isVisible()) {
                s.setVisible(false);
                hidden.add(s);
            }
        }
        return hidden;
    }

    private static void showWindows(List<Shell> shells) {
        for (Shell s : shells) {
            if (!s.isDisposed()) {
                s.setVisible(true);
                // closing the editors while hidden leaves the trim (main toolbar) without a size until laid out
                s.layout(true, true);
            }
        }
    }
}
