package qms.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.emf.ecore.ENamedElement;
import org.junit.jupiter.api.Test;

import qms.model.ComputerizedSystem;
import qms.model.Link;
import qms.model.QmsPackage;
import qms.model.Record;

/** The registry built from contributions, hints, labels and proxies. */
class ModelRegistryTest {

    @Test
    void theCoreModelsNavigatorRootsFollowTheirHintedOrder() {
        assertEquals(List.of("Organisation", "ComputerizedSystem", "Vendor", "Person", "Role", "EvidenceFile",
                "Finding", "FindingCategory", "UserAccount", "SignatureMeaning", "SystemSettings"), ModelRegistry.core().navigatorRoots().stream().map(EClass::getName).toList());
    }

    @Test
    void everyConcreteRecordClassIsStoredAndAbstractOnesAreNot() {
        List<EClass> classes = ModelRegistry.core().recordClasses();
        assertTrue(classes.contains(QmsPackage.Literals.SITE), "contained records have tables too");
        assertTrue(classes.contains(QmsPackage.Literals.LINK));
        assertFalse(classes.contains(QmsPackage.Literals.RECORD));
        assertTrue(classes.contains(QmsPackage.Literals.SIGNATURE), "signatures are records, not in the navigator");
        assertEquals(14, classes.size(), classes.toString());
    }

    @Test
    void theCoreStartsAStoreWithTheNineFindingCategoriesAndTheirTypicalImpact() {
        java.util.Map<EClass, List<Record>> defaults = ModelRegistry.core().defaultRecords();
        assertEquals(java.util.Set.of(QmsPackage.Literals.FINDING_CATEGORY), defaults.keySet());
        List<qms.model.FindingCategory> categories = defaults.get(QmsPackage.Literals.FINDING_CATEGORY).stream()
                .map(qms.model.FindingCategory.class::cast).toList();
        assertEquals(List.of("Unencrypted trial data storage", "No periodic backup validation",
                "Inadequate incident response SOPs", "Vendor oversight gaps", "Weak password policies",
                "Absence of backup policies", "Infrequent or failed backups", "Weak access controls",
                "CRO oversight failures"), categories.stream().map(qms.model.FindingCategory::getName).toList());
        for (qms.model.FindingCategory c : categories) {
            assertTrue(c.getTypicalImpact().matches("(Subject safety and )?[Dd]ata integrity.{40,}"), c.getName()
                    + ": " + c.getTypicalImpact());
            assertTrue(Validation.validate(c).getSeverity() < org.eclipse.emf.common.util.Diagnostic.ERROR);
        }
        assertTrue(defaults.get(QmsPackage.Literals.FINDING_CATEGORY).get(0) != ModelRegistry.core().defaultRecords()
                .get(QmsPackage.Literals.FINDING_CATEGORY).get(0), "new records on each call");
    }

    @Test
    void aContributedHintOverridesTheAnnotation() {
        ModelContribution moveSystemsFirst = new ModelContribution() {
            @Override
            public List<EPackage> ePackages() {
                return List.of();
            }

            @Override
            public Map<ENamedElement, Map<String, String>> hints() {
                return Map.of(QmsPackage.Literals.COMPUTERIZED_SYSTEM, Map.of(Hints.ORDER, "1"),
                        QmsPackage.Literals.LINK, Map.of(Hints.NAVIGATOR, "true"));
            }
        };
        ModelRegistry model = ModelRegistry.of(List.of(new CoreModelContribution(), moveSystemsFirst));
        List<EClass> roots = model.navigatorRoots();
        assertEquals(QmsPackage.Literals.COMPUTERIZED_SYSTEM, roots.get(0));
        assertTrue(roots.contains(QmsPackage.Literals.LINK));
        assertEquals("true", model.hint(QmsPackage.Literals.COMPUTERIZED_SYSTEM__DESCRIPTION, Hints.MULTI_LINE));
    }

    @Test
    void typeNamesAreStableAndResolveBack() {
        ModelRegistry model = ModelRegistry.core();
        assertEquals("qms:ComputerizedSystem", ModelRegistry.typeName(QmsPackage.Literals.COMPUTERIZED_SYSTEM));
        assertEquals(QmsPackage.Literals.FINDING, model.eClass("qms:Finding").orElseThrow());
        assertTrue(model.eClass("backup:BackupPolicy").isEmpty(), "a module that is not installed");
    }

    @Test
    void theCoreLinkTypesAreRegistered() {
        assertEquals("has evidence", ModelRegistry.core().linkType(CoreModelContribution.EVIDENCE_FOR).orElseThrow()
                .inverseLabel());
    }

    @Test
    void newRecordsGetAUuidAndOnlyConcreteRecordClassesCanBeCreated() {
        ComputerizedSystem s = Records.newRecord(QmsPackage.Literals.COMPUTERIZED_SYSTEM);
        assertEquals(s.getId(), UUID.fromString(s.getId()).toString());
        assertThrows(IllegalArgumentException.class, () -> Records.newRecord(QmsPackage.Literals.RECORD));
    }

    @Test
    void labelsUseTheLabelAttributeAndFallBackToTypeAndId() {
        ComputerizedSystem s = Records.newRecord(QmsPackage.Literals.COMPUTERIZED_SYSTEM);
        assertEquals("ComputerizedSystem " + s.getId().substring(0, 8), Records.label(s));
        s.setName("EDC Database");
        assertEquals("EDC Database", Records.label(s));
        Record proxy = Records.proxy(QmsPackage.Literals.VENDOR, "0f1e2d3c-0000-4000-8000-000000000000");
        assertTrue(proxy.eIsProxy());
        assertEquals("0f1e2d3c-0000-4000-8000-000000000000", Records.id(proxy));
        Link l = Records.newRecord(QmsPackage.Literals.LINK);
        l.setType("concerns");
        l.setSource(s);
        l.setTarget(proxy);
        assertEquals("concerns: EDC Database \u2192 Vendor 0f1e2d3c", Records.label(l));
    }

    @Test
    void featureAndTypeLabelsReadAsWords() {
        assertEquals("GxP criticality", Validation.featureLabel(QmsPackage.Literals.COMPUTERIZED_SYSTEM__GXP_CRITICALITY));
        assertEquals("SHA-256", Validation.featureLabel(QmsPackage.Literals.EVIDENCE_FILE__SHA256));
        assertEquals("In service since",
                Validation.featureLabel(QmsPackage.Literals.COMPUTERIZED_SYSTEM__IN_SERVICE_SINCE));
        assertEquals("Computerized System", Validation.typeLabel(QmsPackage.Literals.COMPUTERIZED_SYSTEM));
    }

    @Test
    void queriesOnlyAcceptTheClassesOwnAttributes() {
        assertThrows(IllegalArgumentException.class, () -> Query.of(QmsPackage.Literals.VENDOR)
                .where(QmsPackage.Literals.FINDING__TITLE, "x"));
    }
}
