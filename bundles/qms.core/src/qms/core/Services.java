package qms.core;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The services of a seam the installed modules registered (through DS): how the core reaches what a module adds
 * without naming it. Outside a started framework (a plain unit test) there are none.
 */
public final class Services {

    private Services() {
    }

    /** Every service of the type registered now, highest ranking first; empty when the core is not started. */
    public static <T> List<T> all(Class<T> type) {
        Bundle bundle = FrameworkUtil.getBundle(Services.class);
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        List<T> found = new ArrayList<>();
        if (context == null) {
            return found;
        }
        try {
            List<ServiceReference<T>> refs = new ArrayList<>(context.getServiceReferences(type, null));
            refs.sort(java.util.Comparator.reverseOrder()); // a reference compares by ranking, then age
            for (ServiceReference<T> ref : refs) {
                T service = context.getService(ref);
                if (service != null) {
                    found.add(service);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // no filter is given
        }
        return found;
    }
}
