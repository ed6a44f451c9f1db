package qms.app;

import java.nio.file.Path;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

import qms.core.DemoData;
import qms.core.StoreException;
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
     * Waits for the store the application started opening; if it cannot be opened, says why and ends the start
     * before any window opens.
     */
    @Override
    public void preStartup() {
        StartupProbe.phase("workbench-pre-startup");
        try {
            QmsUi.get().store();
        } catch (StoreException e) {
            storeFailed = true;
            MessageDialog.openError(null, "CRO Quality Suite", "The suite cannot open its data in " + dataDirectory
                    + ":\n\n" + e.getMessage());
            getWorkbenchConfigurer().emergencyClose();
        }
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
        String mode = System.getProperty(DEMO, "ask");
        if ("skip".equals(mode) || !DemoData.isEmpty(QmsUi.get().store())) {
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
