package qms.app;

import java.nio.file.Path;
import java.util.function.Supplier;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

import qms.core.DemoData;
import qms.ui.QmsPerspective;
import qms.ui.QmsUi;

/** The workbench's start and its window; offers the demo data on first start with an empty database. */
final class QmsWorkbenchAdvisor extends WorkbenchAdvisor {

    /** System property: "ask" (default) offers demo data when the database is empty, "load" loads it, "skip" not. */
    static final String DEMO = "qms.demo";

    /** How the sign-in before the first window ended. */
    enum SignIn {
        SIGNED_IN, DECLINED, STORE_FAILED
    }

    private final Path dataDirectory;
    private final Supplier<SignIn> signIn;
    private boolean storeFailed;

    /** @param signIn asks who is there once the workbench is initialised, before any window opens */
    QmsWorkbenchAdvisor(Path dataDirectory, Supplier<SignIn> signIn) {
        this.dataDirectory = dataDirectory;
        this.signIn = signIn;
    }

    /**
     * Signs in, then opens the window; the workbench ends at once (no window) if nobody signed in or the store could
     * not be opened.
     */
    @Override
    public boolean openWindows() {
        // until it has started, the workbench holds back what other threads post to the UI thread; the sign-in's
        // dialogs run their own event loop and need it (a UI test's driver, the start-up probe), so for as long as
        // they are open the display gets SWT's plain synchronizer, and the workbench's gets back what is left
        org.eclipse.swt.widgets.Display display = getWorkbenchConfigurer().getWorkbench().getDisplay();
        org.eclipse.swt.widgets.Synchronizer workbench = display.getSynchronizer();
        display.setSynchronizer(new org.eclipse.swt.widgets.Synchronizer(display));
        SignIn result;
        try {
            result = signIn.get();
            if (result == SignIn.SIGNED_IN) { // who signed in, and what the start does until the window is there
                qms.ui.security.StartProgress.show(display, qms.ui.security.SignedInIndicator.who());
            }
        } finally {
            display.setSynchronizer(workbench);
        }
        if (result != SignIn.SIGNED_IN) {
            storeFailed = result == SignIn.STORE_FAILED;
            return false;
        }
        // the window is made after this returns, as the workbench renders its model; its advisor's postWindowOpen
        // closes the progress, and releases the background work its parts start once it has painted
        qms.ui.AfterFirstPaint.hold(display);
        boolean opened = false;
        try {
            opened = super.openWindows();
            return opened;
        } finally {
            if (!opened) {
                qms.ui.security.StartProgress.close();
                qms.ui.AfterFirstPaint.release();
            }
        }
    }

    @Override
    public void initialize(IWorkbenchConfigurer configurer) {
        super.initialize(configurer);
        configurer.setSaveAndRestore(false);
    }

    /** The workbench is initialised; the store may still be opening (the sign-in that follows waits for it). */
    @Override
    public void preStartup() {
        StartupProbe.phase("workbench-pre-startup");
    }

    boolean storeFailed() {
        return storeFailed;
    }

    @Override
    public String getInitialWindowPerspectiveId() {
        return QmsPerspective.ID;
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new QmsWindowAdvisor(configurer, dataDirectory);
    }

    @Override
    public void postStartup() {
        qms.ui.ToolTipsUnderDialogs.install(getWorkbenchConfigurer().getWorkbench().getDisplay());
        // editors are opened by the signed-in user only; a tab left over from a session that ended abruptly (the
        // workbench model is saved now and then) has no record to show
        for (org.eclipse.ui.IWorkbenchWindow w : getWorkbenchConfigurer().getWorkbench().getWorkbenchWindows()) {
            for (org.eclipse.ui.IWorkbenchPage page : w.getPages()) {
                page.closeAllEditors(false);
            }
        }
        // the QA dashboard is the first thing shown (computed in a job; the demo data below redraws it)
        qms.ui.dashboard.DashboardEditor.open(getWorkbenchConfigurer().getWorkbench().getActiveWorkbenchWindow()
                .getActivePage());
        StartupProbe.phase("dashboard-opened");
        qms.ui.security.SessionGuard.install(getWorkbenchConfigurer().getWorkbench().getDisplay(),
                dataDirectory.toString());
        qms.ui.security.OwnBackupJob.install(getWorkbenchConfigurer().getWorkbench().getDisplay());
        StartupProbe.phase("session-guard-installed");
        String mode = System.getProperty(DEMO, "ask");
        if ("skip".equals(mode) || !DemoData.isEmpty(QmsUi.get().store())
                || !QmsUi.get().store().accounts().mayWrite(qms.model.QmsPackage.Literals.ORGANISATION)) {
            return;
        }
        if ("load".equals(mode) || MessageDialog.openQuestion(getWorkbenchConfigurer().getWorkbench()
                .getActiveWorkbenchWindow().getShell(), "Welcome to the CRO Quality Suite",
                "The database is empty. Load a demo organisation to look around?\n\n"
                        + "It has two sites, vendors, people, the systems \"EDC Database\", \"Safety Database\" and"
                        + " \"eTMF Repository\", and a finding with its evidence. Every record is audited like"
                        + " real data.")) {
            DemoActions.loadDemoData();
        }
    }

}
