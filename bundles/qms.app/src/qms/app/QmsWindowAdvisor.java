package qms.app;

import java.nio.file.Path;

import org.eclipse.swt.graphics.Point;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

/** The main window: title names the data folder in use. */
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
        c.setTitle("CRO Quality Suite \u2014 " + DataLocation.where(dataDirectory));
    }

    @Override
    public void postWindowOpen() {
        StartupProbe.windowOpened(getWindowConfigurer().getWindow().getShell().getDisplay());
    }
}
