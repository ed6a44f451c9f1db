package qms.app;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

/**
 * The floor of the start-up benchmark: the same platform starting a workbench window with one empty view, no
 * store and no model. Started with {@code -application qms.app.bareWorkbench}; not a user-facing application.
 */
public final class BareWorkbenchApplication implements IApplication {

    static final String PERSPECTIVE = "qms.app.barePerspective";

    @Override
    public Object start(IApplicationContext context) {
        StartupProbe.phase("application-start");
        Display display = PlatformUI.createDisplay();
        try {
            PlatformUI.createAndRunWorkbench(display, new WorkbenchAdvisor() {
                @Override
                public void initialize(IWorkbenchConfigurer configurer) {
                    configurer.setSaveAndRestore(false);
                }

                @Override
                public String getInitialWindowPerspectiveId() {
                    return PERSPECTIVE;
                }

                @Override
                public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer c) {
                    return new WorkbenchWindowAdvisor(c) {
                        @Override
                        public void preWindowOpen() {
                            getWindowConfigurer().setInitialSize(new Point(1280, 820));
                        }

                        @Override
                        public void postWindowOpen() {
                            StartupProbe.windowOpened(display);
                        }
                    };
                }
            });
            return EXIT_OK;
        } finally {
            display.dispose();
        }
    }

    @Override
    public void stop() {
        // the benchmark closes the workbench itself
    }

    /** One empty view beside the editor area. */
    public static final class Perspective implements org.eclipse.ui.IPerspectiveFactory {
        @Override
        public void createInitialLayout(IPageLayout layout) {
            layout.addView(EmptyView.ID, IPageLayout.LEFT, 0.25f, layout.getEditorArea());
        }
    }

    /** A view with nothing in it. */
    public static final class EmptyView extends org.eclipse.ui.part.ViewPart {
        static final String ID = "qms.app.emptyView";

        @Override
        public void createPartControl(org.eclipse.swt.widgets.Composite parent) {
            new org.eclipse.swt.widgets.Label(parent, org.eclipse.swt.SWT.NONE);
        }

        @Override
        public void setFocus() {
            // nothing to focus
        }
    }
}
