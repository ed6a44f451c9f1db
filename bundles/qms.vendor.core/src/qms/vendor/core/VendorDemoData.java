package qms.vendor.core;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import qms.core.Days;
import qms.core.DemoContribution;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.model.Vendor;
import qms.vendor.model.AgreementClause;
import qms.vendor.model.AgreementType;
import qms.vendor.model.AuditOutcome;
import qms.vendor.model.AuditType;
import qms.vendor.model.Certification;
import qms.vendor.model.CertificationType;
import qms.vendor.model.ClauseCoverage;
import qms.vendor.model.ClauseTopic;
import qms.vendor.model.DataLocation;
import qms.vendor.model.KpiKind;
import qms.vendor.model.KpiMeasurement;
import qms.vendor.model.KpiPeriod;
import qms.vendor.model.QualificationStatus;
import qms.vendor.model.ServiceAgreement;
import qms.vendor.model.ServiceKpi;
import qms.vendor.model.ServiceType;
import qms.vendor.model.VendorAudit;
import qms.vendor.model.VendorContact;
import qms.vendor.model.VendorPackage;
import qms.vendor.model.VendorProfile;

/**
 * The vendor module's part of the demo: the hosting vendor "Helix Cloud Hosting GmbH" under assessment (a remote audit
 * done, acceptable with findings; its ISO 27001 certificate expiring within the due-soon window; a data centre
 * subprocessor), and its managed-hosting agreement {@value #AGREEMENT} with the GxP checklist filled in — the right
 * to audit by regulators and data return at exit absent, breach notification partial — and three KPIs measured from
 * January to June 2026, all met. {@code docs/examples/vendor-kpis-2026-Q3.csv} is the next quarter, with one month
 * that misses the availability target.
 */
@Component(service = DemoContribution.class)
public final class VendorDemoData implements DemoContribution {

    static final String HOST = "Helix Cloud Hosting GmbH";
    static final String AGREEMENT = "MSA-2024-017";

    @Override
    public void load(RecordStore store) {
        Optional<Vendor> host = store.list(Query.of(QmsPackage.Literals.VENDOR)).stream().map(Vendor.class::cast)
                .filter(v -> HOST.equals(v.getName())).findFirst();
        if (host.isEmpty()) {
            return;
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Record> all = new ArrayList<>();
        Vendor dc = Records.newRecord(QmsPackage.Literals.VENDOR);
        dc.setName("Nordlicht Rechenzentrum AG");
        dc.setCountry("Germany");
        dc.setServices("Colocation data centre (Frankfurt) for Helix Cloud Hosting");
        all.add(dc);

        VendorProfile p = Records.newRecord(VendorPackage.Literals.VENDOR_PROFILE);
        p.setVendor(host.get());
        p.setVendorName(host.get().getName());
        p.setStatus(QualificationStatus.UNDER_ASSESSMENT);
        p.getServices().addAll(List.of(ServiceType.HOSTING, ServiceType.BACKUP, ServiceType.MANAGED_SECURITY));
        p.getSubprocessors().add(dc);
        p.getContacts().add(contact("Jana Richter", "Account manager", "jana.richter@helix-cloud.example"));
        p.getContacts().add(contact("Tobias Wendt", "Information security officer", "security@helix-cloud.example"));
        p.getDataLocations().add(location("Germany", "Frankfurt (FRA-2)", "Primary"));
        p.getDataLocations().add(location("Netherlands", "Amsterdam (AMS-1)", "Backup and disaster recovery"));
        Certification iso = Records.newRecord(VendorPackage.Literals.CERTIFICATION);
        iso.setType(CertificationType.ISO_27001);
        iso.setCertificateNumber("DE-27001-4471");
        iso.setIssuer("TÜV Informationstechnik");
        iso.setScope("Managed hosting and backup services, Frankfurt and Amsterdam");
        iso.setValidUntil(Days.day(today.plusDays(40)));
        p.getCertifications().add(iso);
        Certification soc2 = Records.newRecord(VendorPackage.Literals.CERTIFICATION);
        soc2.setType(CertificationType.SOC2_TYPE2);
        soc2.setIssuer("Independent service auditor's report, period ending March");
        soc2.setValidUntil(Days.day(today.plusDays(200)));
        p.getCertifications().add(soc2);
        p.setNotes("Requalification started after the storage change noted in the sponsor audit finding.");
        all.add(p);

        VendorAudit audit = Records.newRecord(VendorPackage.Literals.VENDOR_AUDIT);
        audit.setVendor(host.get());
        audit.setTitle("Remote audit of Helix Cloud Hosting " + today.minusDays(30).getYear());
        audit.setType(AuditType.REMOTE);
        audit.setPlannedOn(Days.day(today.minusDays(35)));
        audit.setPerformedOn(Days.day(today.minusDays(30)));
        audit.setAuditor("Head of QA");
        audit.setOutcome(AuditOutcome.ACCEPTABLE_WITH_FINDINGS);
        audit.setSummary("Access management and backups are well controlled. The quality agreement does not give"
                + " regulators the right to inspect, and says nothing of data return at exit.");
        all.add(audit);

        ServiceAgreement a = Records.newRecord(VendorPackage.Literals.SERVICE_AGREEMENT);
        a.setVendor(host.get());
        a.setReference(AGREEMENT);
        a.setTitle("Managed hosting of the EDC and eTMF");
        a.setType(AgreementType.SLA_AND_QUALITY);
        a.getServices().addAll(List.of(ServiceType.HOSTING, ServiceType.BACKUP));
        a.setValidFrom(Days.day(LocalDate.of(2024, 3, 1)));
        a.setValidUntil(Days.day(today.plusDays(200)));
        a.setRenewalNoticeDays(90);
        a.setBackupFrequencyHours(24);
        a.setRpoHours(24);
        a.setRtoHours(12); // where the backup module is installed: longer than the EDC policy's 8 h
        a.setRestoreTestsPerYear(4);
        a.setNotificationHours(72);
        Clauses.fillChecklist(a);
        String[] sections = { "Annex B §1", "Annex B §2", "Annex C §1-3", "Annex C §4", "Annex C §5", "Annex B §6",
            "§9.1", null, "§11", "§3.2", null, "§7", "Annex B §8" };
        for (AgreementClause c : a.getClauses()) {
            c.setSection(sections[c.getTopic().getValue()]);
            c.setCoverage(switch (c.getTopic()) {
            case RIGHT_TO_AUDIT, EXIT -> ClauseCoverage.ABSENT;
            case BREACH_NOTIFICATION -> ClauseCoverage.PARTIAL;
            default -> ClauseCoverage.PRESENT;
            });
        }
        Clauses.clause(a, ClauseTopic.BREACH_NOTIFICATION).setNotes("72 hours; the content of the notice is not"
                + " defined, and GDPR Art. 33 leaves the CRO 72 hours in all");
        all.add(a);
        ServiceKpi availability = kpi(a, "Availability", KpiKind.AVAILABILITY, 99.9, KpiPeriod.MONTH);
        ServiceKpi backups = kpi(a, "Backup success", KpiKind.BACKUP_SUCCESS, 99.0, KpiPeriod.MONTH);
        ServiceKpi restores = kpi(a, "Restoration tests", KpiKind.RESTORE_TESTS, 1, KpiPeriod.QUARTER);
        all.addAll(List.of(availability, backups, restores));
        int[] down = { 12, 0, 31, 7, 18, 40 };
        double[] success = { 100, 99.7, 100, 99.4, 100, 99.8 };
        for (int month = 1; month <= 6; month++) {
            String period = String.format("2026-%02d", month);
            all.add(measurement(availability, period, down[month - 1], null));
            all.add(measurement(backups, period, null, success[month - 1]));
        }
        all.add(measurement(restores, "2026-Q1", null, 1.0));
        all.add(measurement(restores, "2026-Q2", null, 2.0));
        store.save(all, "Demo data");
    }

    private static VendorContact contact(String name, String function, String email) {
        VendorContact c = Records.newRecord(VendorPackage.Literals.VENDOR_CONTACT);
        c.setName(name);
        c.setFunction(function);
        c.setEmail(email);
        return c;
    }

    private static DataLocation location(String country, String region, String purpose) {
        DataLocation l = Records.newRecord(VendorPackage.Literals.DATA_LOCATION);
        l.setCountry(country);
        l.setRegion(region);
        l.setPurpose(purpose);
        return l;
    }

    private static ServiceKpi kpi(ServiceAgreement a, String name, KpiKind kind, double target, KpiPeriod period) {
        ServiceKpi k = Records.newRecord(VendorPackage.Literals.SERVICE_KPI);
        k.setAgreement(a);
        k.setName(name);
        k.setKind(kind);
        k.setTarget(target);
        k.setPeriod(period);
        return k;
    }

    private static KpiMeasurement measurement(ServiceKpi kpi, String period, Integer down, Double value) {
        KpiMeasurement m = Records.newRecord(VendorPackage.Literals.KPI_MEASUREMENT);
        m.setKpi(kpi);
        m.setPeriod(period);
        m.setDowntimeMinutes(down);
        m.setValue(value);
        m.setSource("Demo data (monthly service report)");
        return m;
    }
}
