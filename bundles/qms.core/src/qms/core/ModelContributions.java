package qms.core;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/** Collects the {@link ModelContribution} services present in the running framework. */
public final class ModelContributions {

    private ModelContributions() {
    }

    /** A registry of every model contribution registered now (the core's and each installed module's). */
    public static ModelRegistry fromServices() {
        BundleContext context = FrameworkUtil.getBundle(ModelContributions.class).getBundleContext();
        if (context == null) {
            throw new IllegalStateException("qms.core is not started: cannot look up model contributions");
        }
        return ModelRegistry.of(Services.all(ModelContribution.class));
    }
}
