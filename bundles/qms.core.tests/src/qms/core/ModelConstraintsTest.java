package qms.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.junit.jupiter.api.Test;

import qms.model.ComputerizedSystem;
import qms.model.DataClassification;
import qms.model.EvidenceFile;
import qms.model.Finding;
import qms.model.FindingGrade;
import qms.model.FindingSource;
import qms.model.GxpCriticality;
import qms.model.Link;
import qms.model.QmsPackage;
import qms.model.Vendor;

/** The model's own rules: required attributes, enums chosen, and its invariants, with messages naming the field. */
class ModelConstraintsTest {

    private static Date day(int y, int m, int d) {
        return Date.from(LocalDate.of(y, m, d).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    private static ComputerizedSystem validSystem() {
        ComputerizedSystem s = Records.newRecord(QmsPackage.Literals.COMPUTERIZED_SYSTEM);
        s.setName("EDC Database");
        s.setGxpCriticality(GxpCriticality.HIGH);
        s.setDataClassification(DataClassification.PSEUDONYMISED);
        return s;
    }

    /** The messages of a record's problems, and the feature each is attached to. */
    private static List<String> problems(qms.model.Record r) {
        return Validation.validate(r).getChildren().stream().map(d -> {
            Object f = d.getData().size() > 1 ? d.getData().get(1) : null;
            return (f instanceof EStructuralFeature sf ? sf.getName() : "-") + ": " + d.getMessage();
        }).toList();
    }

    @Test
    void aCompleteSystemIsValid() {
        assertEquals(Diagnostic.OK, Validation.validate(validSystem()).getSeverity());
    }

    @Test
    void requiredAttributesAndUnchosenEnumsAreNamed() {
        ComputerizedSystem s = Records.newRecord(QmsPackage.Literals.COMPUTERIZED_SYSTEM);
        List<String> p = problems(s);
        assertTrue(p.contains("name: Computerized System '" + Records.label(s) + "': Name is required"), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.startsWith("gxpCriticality:") && x.endsWith("GxP criticality is required")),
                p.toString());
        assertTrue(p.stream().anyMatch(x -> x.startsWith("dataClassification:")), p.toString());
        assertEquals(3, p.size(), p.toString());
    }

    @Test
    void anIdMustBeAUuid() {
        ComputerizedSystem s = validSystem();
        s.setId("EDC-1");
        assertEquals(List.of("id: Computerized System 'EDC Database': The id 'EDC-1' is not a UUID"), problems(s));
    }

    @Test
    void aVendorContactMustBeAnEmailAddress() {
        Vendor v = Records.newRecord(QmsPackage.Literals.VENDOR);
        v.setName("Helix");
        v.setContactEmail("gxp-support at helix");
        assertEquals(List.of("contactEmail: Vendor 'Helix': Contact email 'gxp-support at helix' is not an email address"),
                problems(v));
        v.setContactEmail("gxp-support@helix-cloud.example");
        assertEquals(List.of(), problems(v));
    }

    @Test
    void anEvidenceHashIsSixtyFourHexDigits() {
        EvidenceFile e = Records.newRecord(QmsPackage.Literals.EVIDENCE_FILE);
        e.setName("log.txt");
        e.setSha256("ABC");
        assertEquals(List.of("sha256: Evidence File 'log.txt': SHA-256 must be 64 lower-case hexadecimal digits"),
                problems(e));
        e.setSha256("a".repeat(64));
        e.setSize(-1);
        assertEquals(List.of("size: Evidence File 'log.txt': Size cannot be negative"), problems(e));
    }

    @Test
    void aFindingIsNotDueBeforeItWasIdentified() {
        Finding f = Records.newRecord(QmsPackage.Literals.FINDING);
        f.setTitle("No restore test");
        f.setSource(FindingSource.EMA_INSPECTION);
        f.setGrade(FindingGrade.CRITICAL);
        f.setIdentifiedOn(day(2026, 11, 1));
        f.setResponseDue(day(2026, 10, 31));
        assertEquals(List.of("responseDue: Finding 'No restore test': Response due date is before the date identified"),
                problems(f));
        f.setResponseDue(day(2026, 11, 1));
        assertEquals(List.of(), problems(f), "due on the day it was identified is allowed");
    }

    @Test
    void aRecordCannotBeLinkedToItself() {
        ComputerizedSystem s = validSystem();
        Link l = Records.newRecord(QmsPackage.Literals.LINK);
        l.setType(CoreModelContribution.RELATES_TO);
        l.setSource(s);
        l.setTarget(s);
        assertTrue(problems(l).contains("target: Link '" + Records.label(l) + "': A record cannot be linked to itself"),
                problems(l).toString());
    }

    @Test
    void checkThrowsWithEveryProblemAndNothingElse() {
        ComputerizedSystem s = Records.newRecord(QmsPackage.Literals.COMPUTERIZED_SYSTEM);
        s.setGxpCriticality(GxpCriticality.LOW);
        ValidationException e = assertThrows(ValidationException.class, () -> Validation.check(s));
        assertEquals(2, e.problems().size(), e.problems().toString());
        assertTrue(e.getMessage().endsWith("Nothing was saved."), e.getMessage());
        Validation.check(validSystem());
    }

    @Test
    void aProxyReferenceIsNotAProblem() {
        ComputerizedSystem s = validSystem();
        s.setHostingVendor((Vendor) Records.proxy(QmsPackage.Literals.VENDOR, java.util.UUID.randomUUID().toString()));
        assertEquals(List.of(), problems(s));
    }
}
