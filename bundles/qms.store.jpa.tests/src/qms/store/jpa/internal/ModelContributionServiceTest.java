package qms.store.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EPackage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

import qms.core.ModelContribution;
import qms.core.ModelContributions;
import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.StoreConfig;
import qms.core.StoreFactory;
import qms.model.QmsPackage;
import qms.model.Record;

/**
 * The seam modules plug into: a test-only module registers a {@link ModelContribution} service; the registry, the
 * navigator roots and the store pick it up, next to the core's own DS-registered contribution.
 */
class ModelContributionServiceTest {

    @TempDir
    Path dataDir;

    @Test
    void aContributedPackageIsNavigableAndStored() {
        BundleContext context = FrameworkUtil.getBundle(DerbyStoreFactory.class).getBundleContext();
        assertNotNull(context, "qms.store.jpa is started");
        EPackage gadgets = DerbyTesting.gadgetPackage();
        ServiceRegistration<ModelContribution> registration = context.registerService(ModelContribution.class,
                DerbyTesting.contribution(gadgets), null);
        try {
            ModelRegistry model = ModelContributions.fromServices();
            assertTrue(model.packages().contains(QmsPackage.eINSTANCE), "the core's DS component is there");
            assertTrue(model.packages().contains(gadgets));
            EClass gadget = (EClass) gadgets.getEClassifier("Gadget");
            List<String> roots = model.navigatorRoots().stream().map(EClass::getName).toList();
            assertEquals(List.of("Organisation", "Gadget", "ComputerizedSystem"), roots.subList(0, 3),
                    "contributed roots take their hinted place: " + roots);

            ServiceReference<StoreFactory> ref = context.getServiceReference(StoreFactory.class);
            assertNotNull(ref, "the Derby store factory is a DS service");
            try (RecordStore store = context.getService(ref).open(new StoreConfig(dataDir,
                    DerbyTesting.keyFile(dataDir)), model, () -> new Principal("tester", "Tester"))) {
                DerbyTesting.enrolled(store);
                Record g = Records.newRecord(gadget);
                g.eSet(gadget.getEStructuralFeature("name"), "Probe");
                store.save(g, null);
                assertEquals(1, store.count(Query.of(gadget)));
            } finally {
                context.ungetService(ref);
            }
        } finally {
            registration.unregister();
        }
        assertFalse(ModelContributions.fromServices().packages().contains(gadgets), "gone with its module");
    }
}
