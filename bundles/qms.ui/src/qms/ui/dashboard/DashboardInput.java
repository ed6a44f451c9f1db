package qms.ui.dashboard;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IPersistableElement;

/** The one input of the dashboard: not a file, not restored (the dashboard opens when someone signs in). */
public final class DashboardInput implements IEditorInput {

    public static final DashboardInput INSTANCE = new DashboardInput();

    private DashboardInput() {
    }

    @Override
    public boolean exists() {
        return false;
    }

    @Override
    public ImageDescriptor getImageDescriptor() {
        return null;
    }

    @Override
    public String getName() {
        return "Dashboard";
    }

    @Override
    public IPersistableElement getPersistable() {
        return null;
    }

    @Override
    public String getToolTipText() {
        return "The QA dashboard: each installed module's figures for the period";
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        return null;
    }
}
