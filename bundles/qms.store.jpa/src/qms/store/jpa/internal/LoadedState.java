package qms.store.jpa.internal;

import org.eclipse.emf.common.notify.Adapter;
import org.eclipse.emf.common.notify.impl.AdapterImpl;
import org.eclipse.emf.ecore.EObject;

/** Remembers, on a record read from or saved to the store, the version it had then (for optimistic locking). */
final class LoadedState extends AdapterImpl {

    final long version;

    private LoadedState(long version) {
        this.version = version;
    }

    @Override
    public boolean isAdapterForType(Object type) {
        return type == LoadedState.class;
    }

    static LoadedState of(EObject record) {
        for (Adapter a : record.eAdapters()) {
            if (a instanceof LoadedState s) {
                return s;
            }
        }
        return null;
    }

    static void set(EObject record, long version) {
        record.eAdapters().removeIf(a -> a instanceof LoadedState);
        record.eAdapters().add(new LoadedState(version));
    }

    static void clear(EObject record) {
        record.eAdapters().removeIf(a -> a instanceof LoadedState);
    }
}
