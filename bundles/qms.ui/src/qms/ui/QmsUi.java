package qms.ui;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.emf.common.notify.AdapterFactory;
import org.eclipse.emf.edit.provider.ComposedAdapterFactory;
import org.eclipse.emf.edit.provider.ReflectiveItemProviderAdapterFactory;

import qms.core.ModelRegistry;
import qms.core.RecordStore;

/**
 * The store the workbench works on, opened by the application before the workbench starts, and the change
 * notifications between views and editors (a save in an editor refreshes the navigator and the audit trail).
 */
public final class QmsUi {

    private static volatile QmsUi current;

    private final CompletableFuture<RecordStore> store;
    private final ComposedAdapterFactory adapterFactory;
    private final List<Consumer<List<String>>> listeners = new CopyOnWriteArrayList<>();

    private QmsUi(CompletableFuture<RecordStore> store) {
        this.store = store;
        this.adapterFactory = new ComposedAdapterFactory(ComposedAdapterFactory.Descriptor.Registry.INSTANCE);
        this.adapterFactory.addAdapterFactory(new ReflectiveItemProviderAdapterFactory());
    }

    /**
     * Makes the store being opened the workbench's: the application opens it while the workbench starts, and the
     * first use waits for it.
     */
    public static void start(CompletableFuture<RecordStore> opening) {
        current = new QmsUi(opening);
    }

    public static void stop() {
        QmsUi ui = current;
        current = null;
        if (ui != null) {
            ui.adapterFactory.dispose();
        }
    }

    public static QmsUi get() {
        QmsUi ui = current;
        if (ui == null) {
            throw new IllegalStateException("No store is open");
        }
        return ui;
    }

    /** The store; waits for it if it is still being opened, and throws what opening it threw. */
    public RecordStore store() {
        try {
            return store.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    public ModelRegistry model() {
        return store().model();
    }

    /** Item providers of every installed model (from the edit bundles' extensions), reflective as a fallback. */
    public AdapterFactory adapterFactory() {
        return adapterFactory;
    }

    /** Tells views that records changed (ids of the records saved or deleted). */
    public void changed(List<String> recordIds) {
        listeners.forEach(l -> l.accept(recordIds));
    }

    public void addChangeListener(Consumer<List<String>> listener) {
        listeners.add(listener);
    }

    public void removeChangeListener(Consumer<List<String>> listener) {
        listeners.remove(listener);
    }
}
