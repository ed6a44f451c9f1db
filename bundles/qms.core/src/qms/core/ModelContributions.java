package qms.core;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

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
        try {
            List<ModelContribution> found = new ArrayList<>();
            for (ServiceReference<ModelContribution> ref : context.getServiceReferences(ModelContribution.class,
                    null)) {
                ModelContribution c = context.getService(ref);
                if (c != null) {
                    found.add(c);
                }
            }
            return ModelRegistry.of(found);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
