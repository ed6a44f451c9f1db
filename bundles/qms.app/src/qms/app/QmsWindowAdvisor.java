package qms.app;

import java.nio.file.Path;

import org.eclipse.swt.graphics.Point;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

/** The main window: its title names who is signed in and the data folder in use. */
final class QmsWindowAdvisor extends WorkbenchWindowAdvisor {

    private final Path dataDirectory;

    QmsWindowAdvisor(IWorkbenchWindowConfigurer configurer, Path dataDirectory) {
        super(configurer);
        this.dataDirectory = dataDirectory;
    }

    @Override
    public ActionBarAdvisor createActionBarAdvisor(IActionBarConfigurer configurer) {
        return new QmsActionBarAdvisor(configurer);
    }

    @Override
    public void preWindowOpen() {
        IWorkbenchWindowConfigurer c = getWindowConfigurer();
        c.setInitialSize(new Point(1280, 820));
        c.setShowCoolBar(true);
        c.setShowStatusLine(true);
        c.setShowProgressIndicator(true);
        c.setTitle(title());
    }

    /** "CRO Quality Suite — Ada Admin (admin), Administrator — /data": whose session, on which data. */
    private String title() {
        return "CRO Quality Suite \u2014 " + qms.ui.security.SignedInIndicator.who() + " \u2014 " + DataLocation
                .where(dataDirectory);
    }

    /**
     * Maximised at the first start; afterwards as it was left (maximised, or where and how large it was), kept in
     * the workbench's settings beside the data.
     */
    @Override
    public void postWindowCreate() {
        org.eclipse.swt.widgets.Shell shell = getWindowConfigurer().getWindow().getShell();
        org.eclipse.jface.dialogs.IDialogSettings s = windowSettings();
        if (s.get(MAXIMIZED) == null || s.getBoolean(MAXIMIZED)) {
            shell.setMaximized(true);
        } else {
            try {
                org.eclipse.swt.graphics.Rectangle b = new org.eclipse.swt.graphics.Rectangle(s.getInt("x"), s.getInt(
                        "y"), s.getInt("width"), s.getInt("height"));
                if (b.width >= 400 && b.height >= 300 && shell.getDisplay().getClientArea().intersects(b)) {
                    shell.setBounds(b); // on a screen that is still there
                }
            } catch (NumberFormatException e) {
                // no bounds kept: the initial size
            }
        }
    }

    @Override
    public boolean preWindowShellClose() {
        org.eclipse.swt.widgets.Shell shell = getWindowConfigurer().getWindow().getShell();
        org.eclipse.jface.dialogs.IDialogSettings s = windowSettings();
        s.put(MAXIMIZED, shell.getMaximized());
        if (!shell.getMaximized()) {
            org.eclipse.swt.graphics.Rectangle b = shell.getBounds();
            s.put("x", b.x);
            s.put("y", b.y);
            s.put("width", b.width);
            s.put("height", b.height);
        }
        org.eclipse.ui.PlatformUI.getDialogSettingsProvider(org.osgi.framework.FrameworkUtil.getBundle(getClass()))
                .saveDialogSettings();
        return true;
    }

    private static final String MAXIMIZED = "maximized";

    private org.eclipse.jface.dialogs.IDialogSettings windowSettings() {
        return org.eclipse.jface.dialogs.DialogSettings.getOrCreateSection(org.eclipse.ui.PlatformUI
                .getDialogSettingsProvider(org.osgi.framework.FrameworkUtil.getBundle(getClass()))
                .getDialogSettings(), "window");
    }

    @Override
    public void postWindowOpen() {
        org.eclipse.swt.widgets.Shell shell = getWindowConfigurer().getWindow().getShell();
        Runnable retitle = () -> shell.getDisplay().asyncExec(() -> {
            if (!shell.isDisposed()) {
                getWindowConfigurer().setTitle(title());
            }
        });
        qms.ui.Session.addListener(retitle);
        shell.addDisposeListener(e -> qms.ui.Session.removeListener(retitle));
        qms.ui.EditorAreaHint.install(getWindowConfigurer().getWindow());
        qms.ui.security.StartProgress.closeWhenPainted(shell); // once the window is on the screen
        qms.ui.AfterFirstPaint.releaseWhenPainted(shell); // the counts, the dashboard's figures: after that too
        StartupProbe.windowOpened(shell.getDisplay());
    }
}
