package qms.vendor.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.core.AuthenticationException;
import qms.core.ChangeRefusedException;
import qms.core.Days;
import qms.core.Records;
import qms.core.lifecycle.StepRefusedException;
import qms.model.GxpCriticality;
import qms.model.SignOff;
import qms.testing.ModuleTestStore;
import qms.vendor.model.QualificationDecision;
import qms.vendor.model.QualificationStatus;
import qms.vendor.model.VendorPackage;
import qms.vendor.model.VendorProfile;

/** A vendor's qualification: signed decisions on the core's lifecycle, criticality and requalification dates. */
class QualificationTest {

    @TempDir
    Path dir;
    private VendorFixture f;

    @BeforeEach
    void open() throws Exception {
        f = new VendorFixture(dir);
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void qualifiedWithConditionsBySignedDecisionStatesTheConditionsAndTheNextRequalification() {
        Qualification q = new Qualification(f.store, VendorFixture.clock(VendorFixture.TODAY));
        q.startAssessment(f.profile());
        QualificationDecision d = q.decide(f.profile(), QualificationStatus.QUALIFIED_WITH_CONDITIONS,
                "Right to audit by regulators added to the agreement within 90 days", null,
                ModuleTestStore.QA.userId(), VendorFixture.QA);
        VendorProfile p = f.profile();
        assertEquals(QualificationStatus.QUALIFIED_WITH_CONDITIONS, p.getStatus());
        assertEquals(VendorFixture.TODAY, Days.dayOf(p.getQualifiedOn()));
        assertEquals("Right to audit by regulators added to the agreement within 90 days", p.getConditions());
        assertTrue(d.getStatement().contains("Criticality: High (derived from EDC (High))"), d.getStatement());
        assertTrue(d.getStatement().contains("Requalification due: 2027-12-04"), d.getStatement());
        List<SignOff> signOffs = q.steps().signOffs(p);
        assertEquals(1, signOffs.size());
        assertTrue(q.steps().isSigned(signOffs.get(0)), "the decision is signed");
        assertEquals(Qualification.DECIDED, q.steps().signature(signOffs.get(0)).orElseThrow().signature().getMeaning());
    }

    @Test
    void aDecisionNeedsAnAssessmentConditionsOrARationaleAndTheRightPassword() {
        Qualification q = new Qualification(f.store, VendorFixture.clock(VendorFixture.TODAY));
        StepRefusedException early = assertThrows(StepRefusedException.class, () -> q.decide(f.profile(),
                QualificationStatus.QUALIFIED, null, null, ModuleTestStore.QA.userId(), VendorFixture.QA));
        assertEquals("Cannot record a qualification decision on Helix Hosting: it is Not assessed; start its"
                + " assessment first. Nothing was changed.", early.getMessage());
        q.startAssessment(f.profile());
        assertTrue(assertThrows(StepRefusedException.class, () -> q.decide(f.profile(),
                QualificationStatus.QUALIFIED_WITH_CONDITIONS, " ", null, ModuleTestStore.QA.userId(),
                VendorFixture.QA)).getMessage().contains("a qualification with conditions states the conditions"));
        assertTrue(assertThrows(StepRefusedException.class, () -> q.decide(f.profile(),
                QualificationStatus.DISQUALIFIED, null, null, ModuleTestStore.QA.userId(), VendorFixture.QA))
                .getMessage().contains("a disqualification states its rationale"));
        assertThrows(AuthenticationException.class, () -> q.decide(f.profile(), QualificationStatus.QUALIFIED, null,
                "Audit acceptable", ModuleTestStore.QA.userId(), "wrong".toCharArray()));
        assertEquals(QualificationStatus.UNDER_ASSESSMENT, f.profile().getStatus(), "a wrong password decides nothing");
        // the decision written before the wrong password is signed now, not written twice
        q.decide(f.profile(), QualificationStatus.QUALIFIED, null, "Audit acceptable", ModuleTestStore.QA.userId(),
                VendorFixture.QA);
        assertEquals(QualificationStatus.QUALIFIED, f.profile().getStatus());
        assertEquals(1, q.steps().signOffs(f.profile()).size());
        assertNull(f.profile().getConditions());
    }

    @Test
    void aSystemIsFlaggedWhileItsHostingVendorIsNotQualifiedAndWhenItIsDisqualified() {
        qms.vendor.model.ServiceAgreement a = (qms.vendor.model.ServiceAgreement) f.store.get(f.agreement.getId());
        assertEquals(13, Clauses.fillChecklist(a));
        a.getClauses().forEach(c -> c.setCoverage(qms.vendor.model.ClauseCoverage.PRESENT));
        f.store.save(a, null);
        assertEquals(List.of("WARNING Hosting vendor Helix Hosting is not qualified (Not assessed)"), flags(f.edc));
        Qualification q = new Qualification(f.store, VendorFixture.clock(VendorFixture.TODAY));
        q.startAssessment(f.profile());
        q.decide(f.profile(), QualificationStatus.QUALIFIED, null, null, ModuleTestStore.QA.userId(),
                VendorFixture.QA);
        assertEquals(List.of(), flags(f.edc), "qualified today: nothing to flag");
        q.startAssessment(f.profile());
        q.decide(f.profile(), QualificationStatus.DISQUALIFIED, null, "Audit trail not handed over at exit",
                ModuleTestStore.QA.userId(), VendorFixture.QA);
        assertEquals(List.of("PROBLEM Hosting vendor Helix Hosting is Disqualified"), flags(f.edc));
        assertEquals(List.of("PROBLEM Helix Hosting is Disqualified"), flags(f.vendor));
        a = (qms.vendor.model.ServiceAgreement) f.store.get(f.agreement.getId());
        Clauses.clause(a, qms.vendor.model.ClauseTopic.EXIT).setCoverage(qms.vendor.model.ClauseCoverage.ABSENT);
        f.store.save(a, null);
        assertEquals(List.of("PROBLEM Hosting vendor Helix Hosting is Disqualified", "WARNING Agreement MSA-1 lacks a"
                + " required clause: Data return and deletion at exit: absent"), flags(f.etmf));
    }

    private List<String> flags(qms.model.Record r) {
        // the vendor module's flags (the backup module, installed here too, adds the system's backup status)
        return qms.core.RecordFlags.of(f.store, f.store.get(r.getId())).stream().filter(x -> !x.text().startsWith(
                "Backups over the last")).map(x -> x.severity() + " " + x.text()).toList();
    }

    @Test
    void theStatusMovesOnlyByTheLifecycleAndAVendorHasOneProfile() {
        VendorProfile p = f.profile();
        p.setStatus(QualificationStatus.QUALIFIED);
        assertTrue(assertThrows(ChangeRefusedException.class, () -> f.store.save(p, null)).getMessage().contains(
                "it moves only by the steps of its lifecycle"));
        VendorProfile second = Records.newRecord(VendorPackage.Literals.VENDOR_PROFILE);
        second.setVendor(f.vendor);
        second.setVendorName("Helix");
        assertTrue(assertThrows(ChangeRefusedException.class, () -> f.store.save(second, null)).getMessage()
                .contains("Helix Hosting has a vendor profile already"));
    }

    @Test
    void criticalityIsTheHighestHostedUnlessOverriddenAndRequalificationClampsToMonthEnd() {
        VendorProfile p = f.profile();
        Criticality derived = Criticality.of(p, Vendors.hosted(f.store, f.vendor.getId()));
        assertEquals(GxpCriticality.HIGH, derived.level());
        assertEquals("derived from EDC (High)", derived.basis());
        var settings = Vendors.settings(f.store);
        assertEquals(LocalDate.of(2025, 2, 28), derived.requalificationDue(LocalDate.of(2024, 2, 29), settings)
                .orElseThrow(), "High: 12 months");
        p.setCriticalityOverride(GxpCriticality.MEDIUM);
        p.setCriticalityRationale("only pseudonymised data");
        Criticality medium = Criticality.of(p, Vendors.hosted(f.store, f.vendor.getId()));
        assertEquals("overridden: only pseudonymised data", medium.basis());
        assertEquals(LocalDate.of(2026, 2, 28), medium.requalificationDue(LocalDate.of(2024, 2, 29), settings)
                .orElseThrow(), "qualified 29 Feb, 24 months: 28 Feb");
        assertEquals(LocalDate.of(2028, 2, 28), medium.requalificationDue(LocalDate.of(2026, 2, 28), settings)
                .orElseThrow(), "the 28th stays the 28th in a leap year");
        settings.setMediumMonths(6);
        assertEquals(LocalDate.of(2027, 2, 28), medium.requalificationDue(LocalDate.of(2026, 8, 31), settings)
                .orElseThrow(), "31 August, 6 months: the end of February");
        p.setCriticalityOverride(GxpCriticality.NOT_GXP);
        assertTrue(Criticality.of(p, List.of()).requalificationDue(LocalDate.of(2026, 1, 1), settings).isEmpty());
        assertEquals("hosts no system", Criticality.of(Records.newRecord(VendorPackage.Literals.VENDOR_PROFILE),
                List.of()).basis());
    }
}
