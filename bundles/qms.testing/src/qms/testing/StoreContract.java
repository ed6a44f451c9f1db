package qms.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EEnum;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.core.AuditAction;
import qms.core.AuditEntry;
import qms.core.ChainVerification;
import qms.core.ConflictException;
import qms.core.CoreModelContribution;
import qms.core.IntegrityException;
import qms.core.LinkDirection;
import qms.core.ModelRegistry;
import qms.core.Principal;
import qms.core.Query;
import qms.core.RecordStore;
import qms.core.Records;
import qms.core.ReferencedRecordException;
import qms.core.StoreException;
import qms.core.ValidationException;
import qms.model.AccessRole;
import qms.model.ComputerizedSystem;
import qms.model.DataClassification;
import qms.model.EvidenceFile;
import qms.model.Finding;
import qms.model.FindingGrade;
import qms.model.FindingSource;
import qms.model.GxpCriticality;
import qms.model.Link;
import qms.model.Organisation;
import qms.model.Person;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.model.Role;
import qms.model.Site;
import qms.model.Vendor;

/**
 * The behaviour every {@link RecordStore} implementation must have. An implementation's test extends this class
 * and says how to open a store and how to run raw SQL against its database (to play the attacker who edits rows
 * behind the store's back).
 */
public abstract class StoreContract {

    protected static final Principal ALICE = new Principal("alice", "Alice Andersen");
    protected static final Principal BOB = new Principal("bob", "Bob Brown");

    @TempDir
    protected Path dataDir;

    protected final AtomicReference<Principal> user = new AtomicReference<>(ALICE);
    protected RecordStore store;

    /** Opens (creating on first use) the store kept in {@code dataDir}, attributing writes to {@link #user}. */
    protected abstract RecordStore open(Path dataDir, ModelRegistry model);

    /** Runs one SQL statement directly against the store's database, bypassing the store. */
    protected abstract int sql(String statement) throws Exception;

    @BeforeEach
    void openStore() {
        store = open(dataDir, ModelRegistry.core());
        // alice administers and manages quality; bob manages quality
        TestAccounts.enroll(store, ALICE, List.of(AccessRole.ADMINISTRATOR, AccessRole.QA_MANAGER), BOB);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    protected void reopen() {
        store.close();
        store = open(dataDir, ModelRegistry.core());
    }

    // --------------------------------------------------------------------------------------------- fixtures

    protected static Date day(int y, int m, int d) {
        return Date.from(LocalDate.of(y, m, d).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    protected static Vendor vendor(String name) {
        Vendor v = Records.newRecord(QmsPackage.Literals.VENDOR);
        v.setName(name);
        return v;
    }

    protected static ComputerizedSystem system(String name) {
        return TestRecords.system(name);
    }

    protected static Finding finding(String title) {
        Finding f = Records.newRecord(QmsPackage.Literals.FINDING);
        f.setTitle(title);
        f.setSource(FindingSource.INTERNAL_AUDIT);
        f.setGrade(FindingGrade.MAJOR);
        return f;
    }

    /** "EDC Database" with a multi-line description, a date, a boolean, enums and a reference to its host. */
    protected static ComputerizedSystem systemWithEveryKindOfValue(Vendor host) {
        ComputerizedSystem s = system("EDC Database");
        s.setDescription("line one\nline two");
        s.setInServiceSince(day(2019, 3, 4));
        s.setValidated(true);
        s.setHostingVendor(host);
        return s;
    }

    protected static Role role(String name) {
        Role r = Records.newRecord(QmsPackage.Literals.ROLE);
        r.setName(name);
        return r;
    }

    /** A person with roles, in this order. */
    protected static Person person(String name, Role... roles) {
        Person p = Records.newRecord(QmsPackage.Literals.PERSON);
        p.setFullName(name);
        p.getRoles().addAll(List.of(roles));
        return p;
    }

    /** An organisation with its sites, in order, all in one country. */
    protected static Organisation organisation(String name, String country, String... sites) {
        Organisation org = Records.newRecord(QmsPackage.Literals.ORGANISATION);
        org.setName(name);
        for (String n : sites) {
            Site site = Records.newRecord(QmsPackage.Literals.SITE);
            site.setName(n);
            site.setCountry(country);
            org.getSites().add(site);
        }
        return org;
    }

    protected static Link link(String type, Record source, Record target) {
        Link l = Records.newRecord(QmsPackage.Literals.LINK);
        l.setType(type);
        l.setSource(source);
        l.setTarget(target);
        return l;
    }

    private List<AuditEntry> audit(String recordId) {
        return store.auditTrail().forRecord(recordId);
    }

    // --------------------------------------------------------------------------------------------- records

    @Test
    void savedRecordReadsBackWithEveryKindOfValue() {
        Vendor host = vendor("Helix Cloud");
        ComputerizedSystem s = systemWithEveryKindOfValue(host);
        store.save(List.of(host, s), "first entry");

        ComputerizedSystem back = (ComputerizedSystem) store.get(s.getId());
        assertEquals("EDC Database", back.getName());
        assertEquals("line one\nline two", back.getDescription());
        assertEquals(GxpCriticality.HIGH, back.getGxpCriticality());
        assertEquals(DataClassification.PSEUDONYMISED, back.getDataClassification());
        assertEquals(day(2019, 3, 4), back.getInServiceSince());
        assertTrue(back.isValidated());
        assertEquals("Helix Cloud", back.getHostingVendor().getName(), "references are loaded one level deep");
        assertNotSame(s, back);
    }

    @Test
    void scanStreamsTheValuesOfMatchingRecordsWithoutBuildingThem() {
        Vendor host = vendor("Helix Cloud");
        ComputerizedSystem a = system("Scan A");
        a.setInServiceSince(day(2019, 3, 4));
        a.setValidated(true);
        a.setHostingVendor(host);
        ComputerizedSystem b = system("Scan B");
        b.setGxpCriticality(GxpCriticality.LOW);
        b.setInServiceSince(day(2019, 3, 3));
        store.save(List.of(host, a, b, system("Other")), null);

        List<Object[]> rows = new java.util.ArrayList<>();
        store.scan(Query.of(QmsPackage.Literals.COMPUTERIZED_SYSTEM)
                .where(QmsPackage.Literals.COMPUTERIZED_SYSTEM__NAME, Query.Op.LIKE, "scan %")
                .orderBy(QmsPackage.Literals.COMPUTERIZED_SYSTEM__NAME, false),
                List.of(QmsPackage.Literals.COMPUTERIZED_SYSTEM__NAME, QmsPackage.Literals.COMPUTERIZED_SYSTEM__GXP_CRITICALITY,
                        QmsPackage.Literals.COMPUTERIZED_SYSTEM__IN_SERVICE_SINCE,
                        QmsPackage.Literals.COMPUTERIZED_SYSTEM__VALIDATED,
                        QmsPackage.Literals.COMPUTERIZED_SYSTEM__HOSTING_VENDOR), rows::add);
        assertEquals(2, rows.size(), "only the matching records, in the query's order");
        assertEquals(List.of("Scan A", GxpCriticality.HIGH, day(2019, 3, 4), true, host.getId()),
                java.util.Arrays.asList(rows.get(0)), "values as the model types them; references as ids");
        assertEquals(List.of("Scan B", GxpCriticality.LOW), java.util.Arrays.asList(rows.get(1)).subList(0, 2));
        assertEquals(null, rows.get(1)[4]);

        List<Object[]> ids = new java.util.ArrayList<>();
        store.scan(Query.of(QmsPackage.Literals.COMPUTERIZED_SYSTEM).where(QmsPackage.Literals.COMPUTERIZED_SYSTEM__NAME,
                Query.Op.LIKE, "scan %").orderBy(QmsPackage.Literals.COMPUTERIZED_SYSTEM__NAME, false), List.of(
                        QmsPackage.Literals.COMPUTERIZED_SYSTEM__VALIDATED, QmsPackage.Literals.RECORD__ID,
                        QmsPackage.Literals.COMPUTERIZED_SYSTEM__NAME), ids::add);
        assertEquals(List.of(true, a.getId(), "Scan A"), java.util.Arrays.asList(ids.get(0)), "the record's own id"
                + " where it is asked for, the other values around it in order");

        List<Object[]> dated = new java.util.ArrayList<>();
        store.scan(Query.of(QmsPackage.Literals.COMPUTERIZED_SYSTEM).where(QmsPackage.Literals
                .COMPUTERIZED_SYSTEM__IN_SERVICE_SINCE, Query.Op.AT_LEAST, day(2019, 3, 4)).where(QmsPackage.Literals
                        .COMPUTERIZED_SYSTEM__VALIDATED, true), List.of(QmsPackage.Literals.COMPUTERIZED_SYSTEM__NAME),
                dated::add);
        assertEquals(List.of("Scan A"), dated.stream().map(r -> r[0]).toList(), "date and boolean conditions");
        for (Query.Op op : List.of(Query.Op.BELOW, Query.Op.AT_MOST)) {
            List<Object> names = new java.util.ArrayList<>();
            store.scan(Query.of(QmsPackage.Literals.COMPUTERIZED_SYSTEM).where(QmsPackage.Literals
                    .COMPUTERIZED_SYSTEM__IN_SERVICE_SINCE, op, day(2019, 3, 4)).orderBy(QmsPackage.Literals
                            .COMPUTERIZED_SYSTEM__NAME, false), List.of(QmsPackage.Literals.COMPUTERIZED_SYSTEM__NAME),
                    r -> names.add(r[0]));
            assertEquals(op == Query.Op.BELOW ? List.of("Scan B") : List.of("Scan A", "Scan B"), names, op
                    + " excludes or includes the bound; an unset date matches neither");
        }
        List<Object[]> page = new java.util.ArrayList<>();
        store.scan(Query.of(QmsPackage.Literals.COMPUTERIZED_SYSTEM).orderBy(QmsPackage.Literals
                .COMPUTERIZED_SYSTEM__NAME, true).page(1, 2), List.of(QmsPackage.Literals.COMPUTERIZED_SYSTEM__NAME,
                        QmsPackage.Literals.COMPUTERIZED_SYSTEM__IN_SERVICE_SINCE, QmsPackage.Literals
                                .COMPUTERIZED_SYSTEM__VALIDATED), page::add);
        assertEquals(List.of("Scan A", "Other"), page.stream().map(r -> r[0]).toList(), "a page of the descending"
                + " order (Scan B, [Scan A, Other])");
        assertEquals(java.util.Arrays.asList("Other", null, false), java.util.Arrays.asList(page.get(1)),
                "an unset date reads as null, an unset boolean as false");

        // a contained record's owner through the containment asked for; none for one that stands alone
        Organisation org = Records.newRecord(QmsPackage.Literals.ORGANISATION);
        org.setName("Scan Org");
        Site held = Records.newRecord(QmsPackage.Literals.SITE);
        held.setName("Scan held");
        held.setCountry("DE");
        org.getSites().add(held);
        Site alone = Records.newRecord(QmsPackage.Literals.SITE);
        alone.setName("Scan alone");
        alone.setCountry("DE");
        store.save(List.of(org, alone), null);
        java.util.Map<Object, Object> owners = new java.util.HashMap<>();
        store.scan(Query.of(QmsPackage.Literals.SITE).where(QmsPackage.Literals.SITE__NAME, Query.Op.LIKE, "scan %"),
                List.of(QmsPackage.Literals.SITE__NAME, QmsPackage.Literals.ORGANISATION__SITES), r -> owners.put(r[0],
                        r[1]));
        assertEquals(org.getId(), owners.get("Scan held"));
        assertTrue(owners.containsKey("Scan alone") && owners.get("Scan alone") == null, owners.toString());
    }

    private static void assertNotSame(Object a, Object b) {
        assertFalse(a == b, "the store returns copies");
    }

    @Test
    void recordsSurviveClosingAndReopening() {
        ComputerizedSystem s = system("Safety Database");
        store.save(s, null);
        reopen();
        assertEquals("Safety Database", ((ComputerizedSystem) store.get(s.getId())).getName());
    }

    @Test
    void listsFilterOrderAndPageOnColumns() {
        for (String n : List.of("Charlie", "alpha", "Bravo", "Delta")) {
            ComputerizedSystem s = system(n);
            s.setGxpCriticality(n.equals("Delta") ? GxpCriticality.LOW : GxpCriticality.HIGH);
            store.save(s, null);
        }
        EAttribute name = QmsPackage.Literals.COMPUTERIZED_SYSTEM__NAME;
        Query high = Query.of(QmsPackage.Literals.COMPUTERIZED_SYSTEM)
                .where(QmsPackage.Literals.COMPUTERIZED_SYSTEM__GXP_CRITICALITY, GxpCriticality.HIGH);
        assertEquals(3, store.count(high));
        assertEquals(List.of("Charlie", "Bravo"), store.list(high.orderBy(name, true).page(0, 2)).stream()
                .map(Records::label).toList());
        assertEquals(List.of("alpha"), store.list(Query.of(QmsPackage.Literals.COMPUTERIZED_SYSTEM)
                .where(name, Query.Op.LIKE, "AL%")).stream().map(Records::label).toList(), "LIKE ignores case");
    }

    @Test
    void recordsAreCountedByTypeInOneGo() {
        store.save(List.of(system("A"), system("B"), vendor("V")), null);
        Map<EClass, Long> counts = store.countByType();
        assertEquals(2L, counts.get(QmsPackage.Literals.COMPUTERIZED_SYSTEM));
        assertEquals(1L, counts.get(QmsPackage.Literals.VENDOR));
        assertNull(counts.get(QmsPackage.Literals.FINDING), "types without records are absent");
    }

    @Test
    void containedRecordsAreSavedInOrderAndRemovedWithAudit() {
        Organisation org = organisation("Org", "X", "Cambridge", "Raleigh", "Basel");
        store.save(org, null);
        Organisation back = (Organisation) store.get(org.getId());
        assertEquals(List.of("Cambridge", "Raleigh", "Basel"), back.getSites().stream().map(Site::getName).toList());

        String raleigh = back.getSites().get(1).getId();
        back.getSites().remove(1);
        store.save(back, "site closed");
        assertTrue(store.find(raleigh).isEmpty());
        assertEquals(AuditAction.DELETE, audit(raleigh).get(audit(raleigh).size() - 1).action());
        assertEquals(List.of("Cambridge", "Basel"),
                ((Organisation) store.get(org.getId())).getSites().stream().map(Site::getName).toList());

        // a list reads the contained records of all its owners at once: each owner still gets its own, in order
        Organisation other = organisation("Other org", "Y", "Lyon", "Austin");
        Organisation empty = organisation("No sites", "Y");
        store.save(List.of(other, empty), null);
        Map<String, List<String>> sites = new java.util.TreeMap<>();
        for (Record r : store.list(Query.of(QmsPackage.Literals.ORGANISATION))) {
            sites.put(((Organisation) r).getName(), ((Organisation) r).getSites().stream().map(Site::getName).toList());
        }
        assertEquals(Map.of("Org", List.of("Cambridge", "Basel"), "Other org", List.of("Lyon", "Austin"), "No sites",
                List.of()), sites);
    }

    @Test
    void multiValuedReferencesKeepTheirOrder() {
        Role a = role("QA");
        Role b = role("IT");
        Person p = person("Anna", b, a);
        store.save(List.of(a, b, p), null);
        assertEquals(List.of("IT", "QA"),
                ((Person) store.get(p.getId())).getRoles().stream().map(Role::getName).toList());
    }

    @Test
    void incomingReferencesNameTheReferringRecordsAndTheirReferenceButNotLinks() {
        Vendor host = vendor("Helix Cloud");
        ComputerizedSystem edc = system("EDC");
        edc.setHostingVendor(host);
        ComputerizedSystem ctms = system("CTMS");
        Role qa = Records.newRecord(QmsPackage.Literals.ROLE);
        qa.setName("QA");
        Person p = Records.newRecord(QmsPackage.Literals.PERSON);
        p.setFullName("Anna");
        p.getRoles().add(qa);
        store.save(List.of(host, edc, ctms, qa, p, Records.link(CoreModelContribution.RELATES_TO, ctms, host)),
                null);

        List<qms.core.IncomingReference> toHost = store.incomingReferences(host.getId());
        assertEquals(1, toHost.size(), "the system's hosting vendor; the link is not a reference");
        assertEquals(edc.getId(), toHost.get(0).source().getId());
        assertEquals("EDC", ((ComputerizedSystem) toHost.get(0).source()).getName(), "the referrer is loaded");
        assertEquals(QmsPackage.Literals.COMPUTERIZED_SYSTEM__HOSTING_VENDOR, toHost.get(0).reference());
        List<qms.core.IncomingReference> toRole = store.incomingReferences(qa.getId());
        assertEquals(List.of(p.getId()), toRole.stream().map(r -> r.source().getId()).toList(), "a many-valued"
                + " reference");
        assertEquals(QmsPackage.Literals.PERSON__ROLES, toRole.get(0).reference());
        assertEquals(List.of(), store.incomingReferences(ctms.getId()));
    }

    // --------------------------------------------------------------------------------------------- audit

    @Test
    void everyChangeIsAuditedWithOldAndNewValueUserTimeAndReason() {
        Instant before = Instant.now().minusSeconds(1);
        ComputerizedSystem s = system("EDC");
        store.save(s, "inventory");
        user.set(BOB);
        ComputerizedSystem loaded = (ComputerizedSystem) store.get(s.getId());
        loaded.setName("EDC Database");
        loaded.setGxpCriticality(GxpCriticality.MEDIUM);
        store.save(loaded, "renamed after go-live");

        List<AuditEntry> trail = audit(s.getId());
        AuditEntry created = trail.get(0);
        assertEquals(AuditAction.CREATE, created.action());
        assertEquals("alice", created.user());
        assertEquals("EDC", created.values().get("name"), "the creation keeps every initial value");
        assertEquals("High", created.values().get("gxpCriticality"));
        assertEquals("false", created.values().get("validated"));
        assertEquals("inventory", created.reason());
        assertEquals(1, trail.stream().filter(e -> e.action() == AuditAction.CREATE).count());

        List<AuditEntry> updates = trail.stream().filter(e -> e.action() == AuditAction.UPDATE).toList();
        assertEquals(2, updates.size(), "exactly the two changed attributes: " + updates);
        AuditEntry rename = updates.stream().filter(e -> "name".equals(e.attribute())).findFirst().orElseThrow();
        assertEquals("EDC", rename.oldValue());
        assertEquals("EDC Database", rename.newValue());
        assertEquals("bob", rename.user());
        assertEquals("renamed after go-live", rename.reason());
        assertTrue(!rename.at().isBefore(before) && !rename.at().isAfter(Instant.now()), "time is now, UTC");
        AuditEntry crit = updates.stream().filter(e -> "gxpCriticality".equals(e.attribute())).findFirst()
                .orElseThrow();
        assertEquals("High", crit.oldValue());
        assertEquals("Medium", crit.newValue());
    }

    @Test
    void savingAnUnchangedRecordWritesNothing() {
        ComputerizedSystem s = system("EDC");
        store.save(s, null);
        long size = store.auditTrail().size();
        store.save(store.get(s.getId()), null);
        assertEquals(size, store.auditTrail().size());
    }

    @Test
    void intactChainVerifies() {
        store.save(List.of(system("A"), system("B")), null);
        ChainVerification v = store.auditTrail().verify();
        assertTrue(v.intact(), v.toString());
        assertEquals(store.auditTrail().size(), v.entriesChecked());
        assertEquals(64, v.headHash().length());
    }

    @Test
    void verifyNamesTheEntryWhoseRowWasTamperedWithInSql() throws Exception {
        ComputerizedSystem s = system("EDC");
        store.save(s, null);
        s = (ComputerizedSystem) store.get(s.getId());
        s.setName("EDC 2");
        store.save(s, null);
        s.setName("EDC 3");
        store.save(s, null);
        AuditEntry victim = audit(s.getId()).stream().filter(e -> "EDC 2".equals(e.newValue())).findFirst()
                .orElseThrow();
        assertEquals(1, sql("UPDATE SYS_AUDIT SET NEW_VALUE = 'EDC 1' WHERE SEQ = " + victim.sequence()));
        ChainVerification v = store.auditTrail().verify();
        assertFalse(v.intact());
        assertEquals(victim.sequence(), v.firstBroken(), v.toString());
    }

    @Test
    void verifyNoticesEntriesRemovedFromTheEnd() throws Exception {
        store.save(List.of(system("A"), system("B")), null);
        long last = store.auditTrail().size();
        assertEquals(1, sql("DELETE FROM SYS_AUDIT WHERE SEQ = " + last));
        ChainVerification v = store.auditTrail().verify();
        assertEquals(last, v.firstBroken(), v.toString());
    }

    @Test
    void verifyNoticesAnEntryRemovedFromTheMiddle() throws Exception {
        store.save(List.of(system("A"), system("B"), system("C")), null);
        assertEquals(1, sql("DELETE FROM SYS_AUDIT WHERE SEQ = 3"));
        assertEquals(3, store.auditTrail().verify().firstBroken());
    }

    /**
     * No write path bypasses the audit trail: replaying the trail from the start rebuilds exactly the records
     * the store holds, attribute by attribute, after a mix of every kind of write.
     */
    @Test
    void replayingTheAuditTrailRebuildsEveryStoredRecord() {
        Vendor v = vendor("Helix");
        ComputerizedSystem s = system("EDC");
        s.setHostingVendor(v);
        Finding f = finding("No restore test");
        f.setResponseDue(day(2026, 12, 1));
        EvidenceFile e = Records.newRecord(QmsPackage.Literals.EVIDENCE_FILE);
        e.setName("log.txt");
        Organisation org = Records.newRecord(QmsPackage.Literals.ORGANISATION);
        org.setName("Org");
        Site site = Records.newRecord(QmsPackage.Literals.SITE);
        site.setName("HQ");
        site.setCountry("UK");
        org.getSites().add(site);
        Role role = Records.newRecord(QmsPackage.Literals.ROLE);
        role.setName("QA");
        Person p = Records.newRecord(QmsPackage.Literals.PERSON);
        p.setFullName("Anna");
        p.getRoles().add(role);
        p.setSite(site);
        store.save(List.of(v, s, f, org, role, p, link(CoreModelContribution.CONCERNS, f, s)), "setup");
        store.storeContent(e, "evidence".getBytes(StandardCharsets.UTF_8), null);
        store.save(link(CoreModelContribution.EVIDENCE_FOR, e, f), null);
        ComputerizedSystem s2 = (ComputerizedSystem) store.get(s.getId());
        s2.setDescription("now described");
        s2.setHostingVendor(null);
        store.save(s2, "edit");
        store.delete(store.get(v.getId()), "vendor gone", false);
        store.delete(store.get(f.getId()), "duplicate finding", true);
        Organisation org2 = (Organisation) store.get(org.getId());
        org2.getSites().get(0).setRegion("EU");
        store.save(org2, null);
        Person p2 = (Person) store.get(p.getId());
        p2.getRoles().clear();
        store.save(p2, null);

        Map<String, Map<String, String>> replayed = replay();
        Set<String> stored = new HashSet<>();
        for (EClass type : store.model().recordClasses()) {
            for (Record r : store.list(Query.of(type))) {
                stored.add(r.getId());
                Map<String, String> audited = replayed.getOrDefault(r.getId(), Map.of());
                for (EStructuralFeature feature : type.getEAllStructuralFeatures()) {
                    if (feature == QmsPackage.Literals.RECORD__ID) {
                        continue;
                    }
                    assertEquals(text(r, feature), audited.get(feature.getName()),
                            type.getName() + "." + feature.getName() + " of " + Records.label(r));
                }
            }
        }
        assertEquals(replayed.keySet(), stored, "every stored record has its creation in the trail, and no more");
        assertTrue(store.auditTrail().verify().intact());
    }

    /** Every record's values as the audit trail tells them, entry by entry from the first. */
    private Map<String, Map<String, String>> replay() {
        Map<String, Map<String, String>> replayed = new HashMap<>();
        for (AuditEntry entry : store.auditTrail().page(0, Integer.MAX_VALUE)) {
            switch (entry.action()) {
            case CREATE, UPDATE -> replayed.computeIfAbsent(entry.recordId(), k -> new HashMap<>())
                    .putAll(entry.values());
            case DELETE -> replayed.remove(entry.recordId());
            case CONTENT, SYSTEM -> {
            }
            }
        }
        return replayed;
    }

    @Test
    void aLongTextIsAuditedInFullAtCreationChangeAndDeletion() {
        String longText = "x".repeat(30_000);
        ComputerizedSystem s = system("Long");
        s.setDescription(longText);
        store.save(s, null);
        assertEquals(longText, replay().get(s.getId()).get("description"));
        ComputerizedSystem loaded = (ComputerizedSystem) store.get(s.getId());
        loaded.setDescription(longText + "y");
        store.save(loaded, null);
        assertEquals(longText + "y", replay().get(s.getId()).get("description"));
        store.delete(store.get(s.getId()), null, false);
        assertTrue(audit(s.getId()).stream().anyMatch(e -> e.action() == AuditAction.DELETE
                && (longText + "y").equals(e.values().get("description"))), "the deleted text is kept");
        assertTrue(store.auditTrail().verify().intact());
    }

    @Test
    void aTextLongerThanTheStoreHoldsIsRefusedNamingTheField() {
        ComputerizedSystem s = system("Too long");
        s.setDescription("x".repeat(40_000));
        ValidationException e = assertThrows(ValidationException.class, () -> store.save(s, null));
        assertTrue(e.getMessage().contains("Description is 40000 characters long; at most 32672"), e.getMessage());
        assertTrue(store.find(s.getId()).isEmpty());
    }

    /** The audit trail's text for a feature's value (the format the trail is specified to use). */
    private static String text(Record r, EStructuralFeature feature) {
        if (feature.isUnsettable() && !r.eIsSet(feature) || r.eGet(feature) == null) {
            return null; // defaults count as values: a new record's audit shows what it was created with
        }
        Object value = r.eGet(feature);
        if (feature instanceof EReference) {
            List<String> ids = new ArrayList<>();
            for (Object o : feature.isMany() ? (List<?>) value : List.of(value)) {
                ids.add(Records.id((EObject) o));
            }
            return ids.isEmpty() ? null : String.join(" ", ids);
        }
        if (value instanceof Date d) {
            return d.toInstant().toString();
        }
        if (feature.isMany() && feature.getEType() instanceof EEnum) { // e.g. roles: "Administrator, QA Manager"
            List<?> values = (List<?>) value;
            return values.isEmpty() ? null : String.join(", ", values.stream().map(Object::toString).toList());
        }
        return feature.getEType() instanceof EEnum ? value.toString()
                : EcoreUtil.convertToString(((EAttribute) feature).getEAttributeType(), value);
    }

    // --------------------------------------------------------------------------------------------- transactions

    @Test
    void anInvalidRecordInABatchStopsTheWholeBatch() {
        long auditBefore = store.auditTrail().size();
        ComputerizedSystem ok = system("Fine");
        ComputerizedSystem bad = system(null);
        ValidationException e = assertThrows(ValidationException.class, () -> store.save(List.of(ok, bad), null));
        assertTrue(e.getMessage().contains("Name is required"), e.getMessage());
        assertTrue(store.find(ok.getId()).isEmpty(), "nothing of the batch is written");
        assertEquals(auditBefore, store.auditTrail().size());
    }

    @Test
    void aDatabaseFailureMidwayRollsBackTheRecordsBeforeIt() {
        ComputerizedSystem existing = system("Existing");
        store.save(existing, null);
        long auditBefore = store.auditTrail().size();
        ComputerizedSystem fresh = system("Fresh");
        ComputerizedSystem clash = system("Clash");
        clash.setId(existing.getId()); // a second insert of an id that exists: fails after "Fresh" was written
        assertThrows(StoreException.class, () -> store.save(List.of(fresh, clash), null));
        assertTrue(store.find(fresh.getId()).isEmpty());
        assertEquals("Existing", Records.label(store.get(existing.getId())));
        assertEquals(auditBefore, store.auditTrail().size());
    }

    @Test
    void savingARecordSomeoneElseChangedFailsAndChangesNothing() {
        ComputerizedSystem s = system("EDC");
        store.save(s, null);
        ComputerizedSystem mine = (ComputerizedSystem) store.get(s.getId());
        ComputerizedSystem theirs = (ComputerizedSystem) store.get(s.getId());
        user.set(BOB);
        theirs.setName("Bob's name");
        store.save(theirs, null);
        long auditBefore = store.auditTrail().size();

        user.set(ALICE);
        mine.setName("Alice's name");
        ConflictException e = assertThrows(ConflictException.class, () -> store.save(mine, null));
        assertTrue(e.getMessage().contains("changed by Bob Brown (bob) at "), e.getMessage()); // who, by name and id
        assertEquals(s.getId(), e.recordId());
        assertEquals("Bob's name", Records.label(store.get(s.getId())));
        assertEquals(auditBefore, store.auditTrail().size());
    }

    @Test
    void aRecordCanBeSavedAgainAfterItsOwnSave() {
        ComputerizedSystem s = system("EDC");
        store.save(s, null);
        s.setName("EDC 2");
        store.save(s, null);
        s.setName("EDC 3");
        store.save(s, null);
        assertEquals("EDC 3", Records.label(store.get(s.getId())));
    }

    @Test
    void savingARecordSomeoneElseDeletedFails() {
        ComputerizedSystem s = system("EDC");
        store.save(s, null);
        ComputerizedSystem mine = (ComputerizedSystem) store.get(s.getId());
        store.delete(store.get(s.getId()), null, false);
        mine.setName("x");
        assertThrows(ConflictException.class, () -> store.save(mine, null));
        assertTrue(store.find(s.getId()).isEmpty());
    }

    // --------------------------------------------------------------------------------------------- links, delete

    @Test
    void linksAreFollowedInBothDirections() {
        ComputerizedSystem s = system("EDC");
        Finding f = finding("F");
        EvidenceFile e = Records.newRecord(QmsPackage.Literals.EVIDENCE_FILE);
        e.setName("proof.pdf");
        store.save(List.of(s, f, e, link(CoreModelContribution.CONCERNS, f, s),
                link(CoreModelContribution.EVIDENCE_FOR, e, f)), null);
        List<Link> out = store.links(f.getId(), LinkDirection.OUTGOING);
        assertEquals(1, out.size());
        assertEquals("EDC", Records.label(out.get(0).getTarget()));
        List<Link> in = store.links(f.getId(), LinkDirection.INCOMING);
        assertEquals("proof.pdf", Records.label(in.get(0).getSource()));
        assertEquals(2, store.links(f.getId(), LinkDirection.BOTH).size());
        assertEquals(1, store.links(s.getId(), LinkDirection.INCOMING).size());
    }

    @Test
    void aLinkReadsTheRecordsAtItsEndsWholeAndARecordLinkedTwiceOnce() {
        Vendor host = vendor("Helix Cloud");
        ComputerizedSystem s = systemWithEveryKindOfValue(host);
        Organisation org = organisation("Org", "X", "Cambridge", "Basel");
        Role qa = role("QA");
        Role it = role("IT");
        Person p = person("Anna", it, qa);
        Finding f = finding("F");
        // the organisation is linked both ways, the person by two links: each comes once per link, whole
        store.save(List.of(host, s, org, qa, it, p, f, link(CoreModelContribution.CONCERNS, f, s), link(
                CoreModelContribution.RELATES_TO, f, org), link(CoreModelContribution.CONCERNS, org, f), link(
                        CoreModelContribution.RELATES_TO, f, p), link(CoreModelContribution.CONCERNS, f, p)), null);

        List<Link> links = store.links(f.getId(), LinkDirection.BOTH);
        assertEquals(5, links.size());
        for (Link l : links) {
            Record far = f.getId().equals(l.getSource().getId()) ? l.getTarget() : l.getSource();
            Record near = far == l.getSource() ? l.getTarget() : l.getSource();
            assertEquals("F", ((Finding) near).getTitle(), "the record's own end is read too");
            assertEquals(FindingGrade.MAJOR, ((Finding) near).getGrade());
            if (far instanceof ComputerizedSystem system) {
                assertEquals("EDC Database", system.getName());
                assertEquals("line one\nline two", system.getDescription());
                assertEquals(GxpCriticality.HIGH, system.getGxpCriticality());
                assertEquals(day(2019, 3, 4), system.getInServiceSince());
                assertTrue(system.isValidated());
                assertEquals(host.getId(), Records.id(system.getHostingVendor()), "its references name their targets");
            } else if (far instanceof Organisation o) {
                assertEquals(List.of("Cambridge", "Basel"), o.getSites().stream().map(Site::getName).toList(),
                        "contained records in order, once");
            } else {
                assertEquals(List.of(it.getId(), qa.getId()), ((Person) far).getRoles().stream().map(Records::id)
                        .toList(), "multi-valued references in order, once");
            }
        }
        assertEquals(Map.of("ComputerizedSystem", 1L, "Organisation", 2L, "Person", 2L), links.stream().collect(
                java.util.stream.Collectors.groupingBy(l -> (f.getId().equals(l.getSource().getId()) ? l.getTarget()
                        : l.getSource()).eClass().getName(), java.util.stream.Collectors.counting())));
        // the same record reached by two links is one object: the trace lists it once per link, not read twice
        List<Record> persons = links.stream().map(l -> l.getTarget()).filter(Person.class::isInstance).toList();
        assertEquals(2, persons.size());
        assertTrue(persons.get(0) == persons.get(1));
    }

    @Test
    void aLinkOfAnUnknownTypeIsRefused() {
        ComputerizedSystem s = system("EDC");
        Finding f = finding("F");
        ValidationException e = assertThrows(ValidationException.class,
                () -> store.save(List.of(s, f, link("blames", f, s)), null));
        assertTrue(e.getMessage().contains("'blames' is not a known link type (known: "), e.getMessage());
        assertTrue(e.getMessage().contains(CoreModelContribution.EVIDENCE_FOR), e.getMessage());
        assertTrue(store.find(s.getId()).isEmpty(), "nothing of the batch is written");
    }

    @Test
    void aLinkedRecordIsOnlyDeletedWhenForcedAndItsLinksGoWithIt() {
        ComputerizedSystem s = system("EDC");
        Finding f = finding("F");
        Link l = link(CoreModelContribution.CONCERNS, f, s);
        store.save(List.of(s, f, l), null);
        ReferencedRecordException e = assertThrows(ReferencedRecordException.class,
                () -> store.delete(store.get(s.getId()), null, false));
        assertEquals(1, e.referrers().size(), e.referrers().toString());
        assertTrue(store.find(s.getId()).isPresent());

        store.delete(store.get(s.getId()), "decommissioned", true);
        assertTrue(store.find(s.getId()).isEmpty());
        assertTrue(store.find(l.getId()).isEmpty());
        assertEquals(AuditAction.DELETE, audit(l.getId()).get(audit(l.getId()).size() - 1).action());
        assertTrue(store.links(f.getId(), LinkDirection.BOTH).isEmpty());
    }

    @Test
    void forcedDeleteClearsOptionalReferencesWithAudit() {
        Vendor v = vendor("Helix");
        ComputerizedSystem s = system("EDC");
        s.setHostingVendor(v);
        store.save(List.of(v, s), null);
        assertEquals(1, store.referrers(v.getId()).size());
        store.delete(store.get(v.getId()), null, true);
        assertNull(((ComputerizedSystem) store.get(s.getId())).getHostingVendor());
        AuditEntry cleared = audit(s.getId()).get(audit(s.getId()).size() - 1);
        assertEquals("hostingVendor", cleared.attribute());
        assertEquals(v.getId(), cleared.oldValue());
    }

    // --------------------------------------------------------------------------------------------- evidence

    @Test
    void evidenceContentIsStoredHashedAndChecked() throws Exception {
        EvidenceFile e = Records.newRecord(QmsPackage.Literals.EVIDENCE_FILE);
        e.setName("restore-report.txt");
        byte[] content = "restore verified: 1204 files".getBytes(StandardCharsets.UTF_8);
        store.storeContent(e, content, "restore test evidence");
        EvidenceFile back = (EvidenceFile) store.get(e.getId());
        assertEquals(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(content)), back.getSha256());
        assertEquals(content.length, back.getSize());
        assertEquals("alice", back.getCapturedBy());
        assertNotNull(back.getCapturedAt());
        assertEquals(new String(content, StandardCharsets.UTF_8),
                new String(store.readContent(e.getId()), StandardCharsets.UTF_8));
        assertTrue(audit(e.getId()).stream().anyMatch(a -> a.action() == AuditAction.CONTENT
                && back.getSha256().equals(a.newValue())));

        EvidenceFile other = Records.newRecord(QmsPackage.Literals.EVIDENCE_FILE);
        other.setName("other.txt");
        store.storeContent(other, "something else".getBytes(StandardCharsets.UTF_8), null);
        assertEquals(1, sql("UPDATE SYS_EVIDENCE_CONTENT SET CONTENT = (SELECT o.CONTENT FROM SYS_EVIDENCE_CONTENT o"
                + " WHERE o.ID = '" + other.getId() + "') WHERE ID = '" + e.getId() + "'"));
        IntegrityException ex = assertThrows(IntegrityException.class, () -> store.readContent(e.getId()));
        assertTrue(ex.getMessage().contains("restore-report.txt"), ex.getMessage());
    }

    @Test
    void theDemoDataLoadsWithTheSeedSystems() {
        assertTrue(qms.core.DemoData.isEmpty(store));
        qms.core.DemoData.load(store);
        assertFalse(qms.core.DemoData.isEmpty(store));
        List<String> systems = store.list(Query.of(QmsPackage.Literals.COMPUTERIZED_SYSTEM)).stream()
                .map(Records::label).toList();
        assertTrue(systems.containsAll(List.of("EDC Database", "Safety Database", "eTMF Repository")), systems.toString());
        assertTrue(store.auditTrail().verify().intact());
        Record finding = store.list(Query.of(QmsPackage.Literals.FINDING)).get(0);
        assertInstanceOf(Finding.class, finding);
        assertEquals(1, store.links(finding.getId(), LinkDirection.BOTH).size(), "its evidence");
        Finding whole = (Finding) store.get(finding.getId()); // a list leaves references as proxies
        assertEquals(List.of("EDC Database"), whole.getAffectedSystems().stream().map(Records::label).toList());
        assertEquals(qms.core.FindingCategories.NO_BACKUP_VALIDATION, whole.getCategory().getName(),
                "a default category");
    }
}
