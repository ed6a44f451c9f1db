package qms.core;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import qms.model.ComputerizedSystem;
import qms.model.DataClassification;
import qms.model.EvidenceFile;
import qms.model.Finding;
import qms.model.FindingGrade;
import qms.model.FindingSource;
import qms.model.FindingStatus;
import qms.model.GxpCriticality;
import qms.model.Organisation;
import qms.model.Person;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.model.Role;
import qms.model.Site;
import qms.model.Vendor;

/**
 * A demo organisation for a first look at the suite: a CRO with two sites, its vendors and people, the seed systems
 * "EDC Database", "Safety Database" and "eTMF Repository", and a finding linked to a system and its evidence.
 */
public final class DemoData {

    public static final String ORGANISATION_NAME = "Northbridge Clinical Research (demo)";

    private DemoData() {
    }

    /** True when the store holds no organisation yet: the moment to offer the demo data. */
    public static boolean isEmpty(RecordStore store) {
        return store.count(Query.of(QmsPackage.Literals.ORGANISATION)) == 0;
    }

    /** Writes the demo records in one transaction, then the evidence file's content. */
    public static void load(RecordStore store) {
        List<Record> all = new ArrayList<>();
        Organisation org = Records.newRecord(QmsPackage.Literals.ORGANISATION);
        org.setName(ORGANISATION_NAME);
        org.setAddress("1 Harbour Street\nCambridge CB1 2AB\nUnited Kingdom");
        Site cambridge = site("Cambridge HQ", "United Kingdom", "EU-West");
        Site raleigh = site("Raleigh Data Centre", "United States", "US-East");
        org.getSites().add(cambridge);
        org.getSites().add(raleigh);
        all.add(org);

        Role qa = role("QA Manager", "Owns the quality system, approves CAPAs and signs releases.");
        Role it = role("IT Operations", "Runs backups, restores and infrastructure.");
        Role author = role("SOP Author", "Writes and revises procedures.");
        all.addAll(List.of(qa, it, author));

        Person anna = person("Anna Lindqvist", "Head of Quality Assurance", "anna.lindqvist@northbridge.example",
                cambridge, qa);
        Person raj = person("Raj Patel", "IT Operations Lead", "raj.patel@northbridge.example", raleigh, it);
        all.addAll(List.of(anna, raj));

        Vendor cloud = vendor("Helix Cloud Hosting GmbH", "Germany", "Managed hosting of the EDC and eTMF",
                "gxp-support@helix-cloud.example");
        Vendor safetyVendor = vendor("Argus Pharmacovigilance Services", "United States",
                "Safety database hosting and case processing", "qa@argus-pv.example");
        all.addAll(List.of(cloud, safetyVendor));

        ComputerizedSystem edc = system("EDC Database", "Electronic data capture for all active studies.",
                GxpCriticality.HIGH, DataClassification.PSEUDONYMISED, anna, cloud, raleigh, 2019);
        ComputerizedSystem safety = system("Safety Database", "Adverse event and SAE case management.",
                GxpCriticality.HIGH, DataClassification.PATIENT_IDENTIFIABLE, anna, safetyVendor, null, 2021);
        ComputerizedSystem etmf = system("eTMF Repository", "Electronic trial master file.", GxpCriticality.MEDIUM,
                DataClassification.NONE, raj, cloud, cambridge, 2020);
        all.addAll(List.of(edc, safety, etmf));

        Finding finding = Records.newRecord(QmsPackage.Literals.FINDING);
        finding.setTitle("EDC backups not restore-tested in 14 months");
        finding.setReference("IA-2026-007");
        finding.setSource(FindingSource.INTERNAL_AUDIT);
        finding.setGrade(FindingGrade.MAJOR);
        FindingCategories.find(store, FindingCategories.NO_BACKUP_VALIDATION).ifPresent(finding::setCategory);
        finding.setDescription("Nightly EDC backups complete, but no restoration test is on record since the"
                + " hosting vendor changed its storage.");
        finding.setImpact("Data integrity: trial data may be unrecoverable after an incident.");
        finding.getAffectedSystems().add(edc);
        finding.getAffectedVendors().add(cloud);
        finding.setStatus(FindingStatus.OPEN);
        finding.setIdentifiedOn(day(2026, 10, 12));
        finding.setResponseDue(day(2026, 11, 30));
        all.add(finding);

        EvidenceFile evidence = Records.newRecord(QmsPackage.Literals.EVIDENCE_FILE);
        evidence.setName("edc-backup-log-2026-10.txt");
        evidence.setMediaType("text/plain");
        evidence.setDescription("Extract of the EDC backup job log for October 2026.");

        all.add(Records.link(CoreModelContribution.EVIDENCE_FOR, evidence, finding));
        all.add(evidence);
        store.save(all, "Demo data loaded");
        store.storeContent(evidence, ("2026-10-01 02:00 UTC edc-nightly completed 41.2 GiB in 00:47:12\n"
                + "2026-10-02 02:00 UTC edc-nightly completed 41.3 GiB in 00:46:55\n").getBytes(StandardCharsets.UTF_8),
                "Demo data loaded");
        for (DemoContribution module : modules()) {
            module.load(store);
        }
    }

    /** The installed modules' demo contributions (none outside OSGi). */
    private static List<DemoContribution> modules() {
        return Services.all(DemoContribution.class);
    }

    private static Site site(String name, String country, String region) {
        Site s = Records.newRecord(QmsPackage.Literals.SITE);
        s.setName(name);
        s.setCountry(country);
        s.setRegion(region);
        return s;
    }

    private static Role role(String name, String description) {
        Role r = Records.newRecord(QmsPackage.Literals.ROLE);
        r.setName(name);
        r.setDescription(description);
        return r;
    }

    private static Person person(String name, String title, String email, Site site, Role role) {
        Person p = Records.newRecord(QmsPackage.Literals.PERSON);
        p.setFullName(name);
        p.setJobTitle(title);
        p.setEmail(email);
        p.setSite(site);
        p.getRoles().add(role);
        return p;
    }

    private static Vendor vendor(String name, String country, String services, String email) {
        Vendor v = Records.newRecord(QmsPackage.Literals.VENDOR);
        v.setName(name);
        v.setCountry(country);
        v.setServices(services);
        v.setContactEmail(email);
        return v;
    }

    private static ComputerizedSystem system(String name, String description, GxpCriticality criticality,
            DataClassification classification, Person owner, Vendor host, Site site, int since) {
        ComputerizedSystem s = Records.newRecord(QmsPackage.Literals.COMPUTERIZED_SYSTEM);
        s.setName(name);
        s.setDescription(description);
        s.setGxpCriticality(criticality);
        s.setDataClassification(classification);
        s.setBusinessOwner(owner);
        s.setHostingVendor(host);
        s.setSite(site);
        s.setInServiceSince(day(since, 1, 1));
        s.setValidated(true);
        return s;
    }


    private static Date day(int year, int month, int day) {
        return Date.from(LocalDate.of(year, month, day).atStartOfDay().toInstant(ZoneOffset.UTC));
    }
}
