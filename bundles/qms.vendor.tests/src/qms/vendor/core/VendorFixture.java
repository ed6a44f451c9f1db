package qms.vendor.core;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import qms.core.Days;
import qms.core.RecordStore;
import qms.core.Records;
import qms.model.ComputerizedSystem;
import qms.model.GxpCriticality;
import qms.model.QmsPackage;
import qms.model.Vendor;
import qms.testing.ModuleTestStore;
import qms.vendor.model.KpiKind;
import qms.vendor.model.KpiPeriod;
import qms.vendor.model.ServiceAgreement;
import qms.vendor.model.ServiceKpi;
import qms.vendor.model.VendorPackage;
import qms.vendor.model.VendorProfile;

/**
 * The real store with the module, signed in as Quinn (QA manager): a hosting vendor with a High and a Medium system,
 * its profile, and an agreement {@code MSA-1} with an availability KPI (99.9 % a month) and a support KPI (at most 4
 * hours, by quarter).
 */
final class VendorFixture implements AutoCloseable {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 4);
    static final char[] QA = ModuleTestStore.QA_PASSWORD.toCharArray();

    final ModuleTestStore test;
    final RecordStore store;
    final Vendor vendor;
    final ComputerizedSystem edc;
    final ComputerizedSystem etmf;
    final VendorProfile profile;
    final ServiceAgreement agreement;
    final ServiceKpi availability;
    final ServiceKpi support;

    VendorFixture(Path dir) throws InterruptedException {
        test = new ModuleTestStore(dir, VendorModelContribution.class);
        store = test.store;
        vendor = Records.newRecord(QmsPackage.Literals.VENDOR);
        vendor.setName("Helix Hosting");
        edc = system("EDC", GxpCriticality.HIGH);
        etmf = system("eTMF", GxpCriticality.MEDIUM);
        profile = Records.newRecord(VendorPackage.Literals.VENDOR_PROFILE);
        profile.setVendor(vendor);
        profile.setVendorName(vendor.getName());
        agreement = Records.newRecord(VendorPackage.Literals.SERVICE_AGREEMENT);
        agreement.setVendor(vendor);
        agreement.setReference("MSA-1");
        agreement.setTitle("Managed hosting");
        agreement.setType(qms.vendor.model.AgreementType.SLA);
        agreement.setValidFrom(Days.day(LocalDate.of(2025, 1, 1)));
        availability = kpi("Availability", KpiKind.AVAILABILITY, 99.9, KpiPeriod.MONTH);
        support = kpi("Support response", KpiKind.SUPPORT_RESPONSE_HOURS, 4, KpiPeriod.QUARTER);
        store.save(List.of(vendor, edc, etmf, profile, agreement, availability, support), null);
    }

    private ComputerizedSystem system(String name, GxpCriticality c) {
        ComputerizedSystem s = Records.newRecord(QmsPackage.Literals.COMPUTERIZED_SYSTEM);
        s.setName(name);
        s.setGxpCriticality(c);
        s.setDataClassification(qms.model.DataClassification.PSEUDONYMISED);
        s.setHostingVendor(vendor);
        return s;
    }

    private ServiceKpi kpi(String name, KpiKind kind, double target, KpiPeriod period) {
        ServiceKpi k = Records.newRecord(VendorPackage.Literals.SERVICE_KPI);
        k.setAgreement(agreement);
        k.setName(name);
        k.setKind(kind);
        k.setTarget(target);
        k.setPeriod(period);
        return k;
    }

    static Clock clock(LocalDate day) {
        return Clock.fixed(day.atTime(9, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    }

    VendorProfile profile() {
        return (VendorProfile) store.get(profile.getId());
    }

    @Override
    public void close() {
        test.close();
    }
}
