package qms.app;

import java.nio.file.Path;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Display;
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

    private final Path dataDirectory;
    private boolean storeFailed;

    QmsWorkbenchAdvisor(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    @Override
    public void initialize(IWorkbenchConfigurer configurer) {
        super.initialize(configurer);
        configurer.setSaveAndRestore(false);
    }

    /**
     * The store is still being opened while the window is built (its first use waits for it). If it cannot be
     * opened, the user is told why and the workbench closes.
     */
    @Override
    public void preStartup() {
        StartupProbe.phase("workbench-pre-startup");
        Display display = getWorkbenchConfigurer().getWorkbench().getDisplay();
        QmsUi.get().whenOpened(failure -> display.asyncExec(() -> {
            storeFailed = true;
            MessageDialog.openError(null, "CRO Quality Suite", "The suite cannot open its data in " + DataLocation
                    .where(dataDirectory) + ":\n\n" + failure.getMessage());
            getWorkbenchConfigurer().getWorkbench().close();
        }));
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
        qms.ui.security.SessionGuard.install(getWorkbenchConfigurer().getWorkbench().getDisplay(),
                dataDirectory.toString());
        qms.ui.security.OwnBackupJob.install(getWorkbenchConfigurer().getWorkbench().getDisplay());
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
