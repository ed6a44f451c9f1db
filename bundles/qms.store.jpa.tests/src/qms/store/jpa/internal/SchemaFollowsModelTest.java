package qms.store.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EPackage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.core.AuditAction;
import qms.core.CoreModelContribution;
import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.StoreConfig;
import qms.model.ComputerizedSystem;
import qms.model.DataClassification;
import qms.model.Finding;
import qms.model.FindingGrade;
import qms.model.FindingSource;
import qms.model.GxpCriticality;
import qms.model.Link;
import qms.model.QmsPackage;
import qms.model.Record;

/** The tables follow the Ecore model: real columns, indexes where lists filter, new attributes picked up. */
class SchemaFollowsModelTest {

    @TempDir
    Path dataDir;

    private RecordStore open(ModelRegistry model) {
        return DerbyTesting.enrolled(new DerbyStoreFactory().open(new StoreConfig(dataDir,
                DerbyTesting.keyFile(dataDir)), model, () -> new Principal("alice", "Alice")));
    }

    private static Record gadget(EClass type, String name) {
        Record r = Records.newRecord(type);
        r.eSet(type.getEStructuralFeature("name"), name);
        return r;
    }

    @Test
    void anAttributeAddedToTheEcoreIsStoredWithoutAnyOtherEdit() throws Exception {
        EPackage v1 = DerbyTesting.gadgetPackage();
        EClass gadgetV1 = (EClass) v1.getEClassifier("Gadget");
        Record old = gadget(gadgetV1, "Calibrated scale");
        old.eSet(gadgetV1.getEStructuralFeature("weight"), 12);
        try (RecordStore store = open(DerbyTesting.withGadgets(v1))) {
            store.save(old, null);
        }
        // the module's next release adds "serialNumber" to its .ecore: nothing else changes
        EPackage v2 = DerbyTesting.gadgetPackage("serialNumber");
        EClass gadgetV2 = (EClass) v2.getEClassifier("Gadget");
        Record fresh = gadget(gadgetV2, "Thermometer");
        fresh.eSet(gadgetV2.getEStructuralFeature("serialNumber"), "SN-4711");
        try (RecordStore store = open(DerbyTesting.withGadgets(v2))) {
            store.save(fresh, null);
            Record back = store.get(fresh.getId());
            assertEquals("SN-4711", back.eGet(gadgetV2.getEStructuralFeature("serialNumber")));
            Record before = store.get(old.getId());
            assertEquals(12, before.eGet(gadgetV2.getEStructuralFeature("weight")));
            assertNull(before.eGet(gadgetV2.getEStructuralFeature("serialNumber")));
            assertTrue(store.auditTrail().page(0, 1000).stream().anyMatch(e -> e.action() == AuditAction.SYSTEM
                    && e.newValue().contains("GADGET_GADGET.SERIAL_NUMBER")), "the schema change is audited");
            assertTrue(store.auditTrail().verify().intact());
        }
        assertEquals(List.of(List.of("SN-4711")), DerbyTesting.query(dataDir,
                "SELECT SERIAL_NUMBER FROM GADGET_GADGET WHERE NAME = ?", "Thermometer"), "a real column");
    }

    @Test
    void theRecordsOfAModuleNotInstalledStayCountedAndComeBackWithIt() throws Exception {
        EPackage gadgets = DerbyTesting.gadgetPackage();
        EClass gadget = (EClass) gadgets.getEClassifier("Gadget");
        Record scale = gadget(gadget, "Calibrated scale");
        Record thermometer = gadget(gadget, "Thermometer");
        try (RecordStore store = open(DerbyTesting.withGadgets(gadgets))) {
            store.save(List.of(scale, thermometer), null);
            assertEquals(java.util.Map.of(), store.countNotInstalled());
            assertEquals(2L, store.countByType().get(gadget));
        }
        // the module is uninstalled: the core opens the store without its model
        try (RecordStore store = open(ModelRegistry.core())) {
            assertEquals(java.util.Map.of("gadget:Gadget", 2L), store.countNotInstalled());
            assertTrue(store.countByType().keySet().stream().noneMatch(c -> c.getName().equals("Gadget")),
                    "no record class of the module");
            assertEquals(2L, store.countByTypeName().get("gadget:Gadget"));
            assertTrue(store.auditTrail().verify().intact());
        }
        // installed again: the same records, with their audit trail
        try (RecordStore store = open(DerbyTesting.withGadgets(DerbyTesting.gadgetPackage()))) {
            assertEquals(java.util.Map.of(), store.countNotInstalled());
            assertEquals("Thermometer", Records.label(store.get(thermometer.getId())));
            assertEquals(AuditAction.CREATE, store.auditTrail().forRecord(scale.getId()).get(0).action());
        }
    }

    @Test
    void theDefaultFindingCategoriesAreWrittenOnceAndStayTheUsersToDelete() throws Exception {
        try (RecordStore store = open(ModelRegistry.core())) {
            List<Record> categories = store.list(Query.of(QmsPackage.Literals.FINDING_CATEGORY));
            assertEquals(9, categories.size());
            assertTrue(store.auditTrail().page(0, 1000).stream().anyMatch(e -> e.action() == AuditAction.SYSTEM
                    && "system".equals(e.user()) && e.newValue().contains("9 default records of Finding Category")),
                    "the suite's own write is audited");
            Record weak = qms.core.FindingCategories.find(store, qms.core.FindingCategories.WEAK_PASSWORDS)
                    .orElseThrow();
            store.delete(weak, "Covered by our access-control category", false);
        }
        try (RecordStore store = open(ModelRegistry.core())) {
            assertEquals(8, store.count(Query.of(QmsPackage.Literals.FINDING_CATEGORY)), "a deleted default does not"
                    + " come back when the store opens again");
            assertTrue(store.auditTrail().verify().intact());
        }
    }

    @Test
    void filteredAttributesAndReferencesAreIndexedColumns() throws Exception {
        open(ModelRegistry.core()).close();
        List<String> columns = DerbyTesting.indexedColumns(dataDir, "QMS_COMPUTERIZED_SYSTEM");
        assertTrue(columns.containsAll(List.of("NAME", "GXP_CRITICALITY", "DATA_CLASSIFICATION",
                "HOSTING_VENDOR_ID", "BUSINESS_OWNER_ID", "SITE_ID")), columns.toString());
    }

    @Test
    void linksAreQueryableInBothDirectionsInSql() throws Exception {
        ComputerizedSystem system = Records.newRecord(QmsPackage.Literals.COMPUTERIZED_SYSTEM);
        system.setName("EDC Database");
        system.setGxpCriticality(GxpCriticality.HIGH);
        system.setDataClassification(DataClassification.PSEUDONYMISED);
        Finding finding = Records.newRecord(QmsPackage.Literals.FINDING);
        finding.setTitle("Backups never restore-tested");
        finding.setSource(FindingSource.FDA_INSPECTION);
        finding.setGrade(FindingGrade.CRITICAL);
        Link link = Records.newRecord(QmsPackage.Literals.LINK);
        link.setType(CoreModelContribution.CONCERNS);
        link.setSource(finding);
        link.setTarget(system);
        try (RecordStore store = open(ModelRegistry.core())) {
            store.save(List.of(system, finding, link), null);
        }
        assertEquals(List.of(List.of("Backups never restore-tested", "concerns")), DerbyTesting.query(dataDir,
                "SELECT f.TITLE, l.TYPE FROM QMS_LINK l JOIN QMS_FINDING f ON f.ID = l.SOURCE_ID"
                        + " WHERE l.TARGET_ID = ?", system.getId()));
        assertEquals(List.of(List.of("EDC Database")), DerbyTesting.query(dataDir,
                "SELECT s.NAME FROM QMS_LINK l JOIN QMS_COMPUTERIZED_SYSTEM s ON s.ID = l.TARGET_ID"
                        + " WHERE l.SOURCE_ID = ?", finding.getId()));
        assertEquals(List.of(List.of("qms:Finding")), DerbyTesting.query(dataDir,
                "SELECT TYPE_NAME FROM SYS_RECORD WHERE ID = ?", finding.getId()));
    }
}
