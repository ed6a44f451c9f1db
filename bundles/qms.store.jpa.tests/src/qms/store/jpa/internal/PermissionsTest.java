package qms.store.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.core.AccessDeniedException;
import qms.core.AuditAction;
import qms.core.AuditEntry;
import qms.core.Records;
import qms.model.AccessRole;
import qms.model.EvidenceFile;
import qms.model.Finding;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.model.UserAccount;
import qms.model.Vendor;

/** Roles are checked by the store itself, whatever the user interface shows. */
class PermissionsTest {

    @TempDir
    Path dataDir;

    @Test
    void anAuditorCanReadEverythingButEveryWriteIsRefusedAndAudited() {
        try (Part11Fixture f = new Part11Fixture(dataDir)) {
            // something to read, change and delete, made by a QA manager
            f.addUser("quinn", "Quinn QA", AccessRole.QA_MANAGER);
            f.actAs("quinn");
            Vendor vendor = Records.newRecord(QmsPackage.Literals.VENDOR);
            vendor.setName("CloudCo");
            Finding finding = Records.newRecord(QmsPackage.Literals.FINDING);
            finding.setTitle("Restore never tested");
            finding.setSource(qms.model.FindingSource.INTERNAL_AUDIT);
            finding.setGrade(qms.model.FindingGrade.MAJOR);
            EvidenceFile evidence = Records.newRecord(QmsPackage.Literals.EVIDENCE_FILE);
            evidence.setName("report.txt");
            f.store.save(List.of(vendor, finding), null);
            f.store.storeContent(evidence, "report".getBytes(), null);

            UserAccount auditorAccount = f.addUser("audrey", "Audrey Auditor", AccessRole.AUDITOR);
            f.actAs("audrey");
            Map<EClass, Long> countsBefore = f.store.countByType();
            long trailBefore = f.store.auditTrail().size();
            List<String> refused = new ArrayList<>();

            // a new record of every class the model has
            for (EClass c : f.store.model().recordClasses()) {
                if (c.isAbstract()) {
                    continue;
                }
                Record r = Records.newRecord(c);
                assertThrows(AccessDeniedException.class, () -> f.store.save(r, null), c.getName());
                refused.add("create " + c.getName());
            }
            // changes, deletions, evidence content, account administration, signatures
            Vendor loaded = (Vendor) f.store.get(vendor.getId());
            loaded.setName("CloudCo renamed");
            assertThrows(AccessDeniedException.class, () -> f.store.save(loaded, "because"));
            assertThrows(AccessDeniedException.class, () -> f.store.delete(f.store.get(finding.getId()), "x", true));
            assertThrows(AccessDeniedException.class,
                    () -> f.store.storeContent((EvidenceFile) f.store.get(evidence.getId()), new byte[] { 1 }, null));
            UserAccount self = (UserAccount) f.store.get(auditorAccount.getId());
            self.getRoles().add(AccessRole.QA_MANAGER);
            AccessDeniedException escalate = assertThrows(AccessDeniedException.class, () -> f.store.save(self, null));
            assertTrue(escalate.getMessage().contains("written by Administrator"), escalate.getMessage());
            assertThrows(AccessDeniedException.class,
                    () -> f.store.accounts().setPassword(auditorAccount.getId(), "a new long password".toCharArray()));
            assertThrows(AccessDeniedException.class, () -> f.store.signatures().sign(finding.getId(), "audrey",
                    Part11Fixture.PASSWORD, "Reviewed"));

            assertEquals(countsBefore, f.store.countByType(), "nothing was written");
            List<AuditEntry> added = f.store.auditTrail().page(trailBefore, 1000);
            assertTrue(added.stream().allMatch(e -> e.action() == AuditAction.DENIED || e.action() == AuditAction.SIGN_IN),
                    "only the denials (and the signature's password check) were recorded: " + added);
            assertEquals(refused.size() + 6, added.stream().filter(e -> e.action() == AuditAction.DENIED).count());
            assertTrue(added.stream().allMatch(e -> e.user().equals("audrey")));
            // reading works
            assertEquals("CloudCo", f.store.get(vendor.getId()) instanceof Vendor v ? v.getName() : null);
            assertFalse(f.store.auditTrail().forRecord(vendor.getId()).isEmpty());
            assertEquals("report", new String(f.store.readContent(evidence.getId())));
            assertFalse(f.store.accounts().mayWrite(QmsPackage.Literals.FINDING));
        }
    }

    @Test
    void eachRoleWritesWhatItIsFor() {
        try (Part11Fixture f = new Part11Fixture(dataDir)) {
            f.addUser("quinn", "Quinn QA", AccessRole.QA_MANAGER);
            f.addUser("carl", "Carl Contributor", AccessRole.CONTRIBUTOR);
            // the administrator administers, but does not write quality records
            f.actAs("admin");
            assertTrue(f.store.accounts().mayWrite(QmsPackage.Literals.USER_ACCOUNT));
            assertTrue(f.store.accounts().mayWrite(QmsPackage.Literals.SYSTEM_SETTINGS));
            assertFalse(f.store.accounts().mayWrite(QmsPackage.Literals.FINDING));
            // the QA manager writes every quality record, but not accounts or settings
            f.actAs("quinn");
            assertTrue(f.store.accounts().mayWrite(QmsPackage.Literals.FINDING));
            assertTrue(f.store.accounts().mayWrite(QmsPackage.Literals.COMPUTERIZED_SYSTEM));
            assertFalse(f.store.accounts().mayWrite(QmsPackage.Literals.USER_ACCOUNT));
            Finding finding = Records.newRecord(QmsPackage.Literals.FINDING);
            finding.setTitle("Weak passwords");
            finding.setSource(qms.model.FindingSource.SELF_IDENTIFIED);
            finding.setGrade(qms.model.FindingGrade.MINOR);
            f.store.save(finding, null);
            // a contributor enters evidence and links it, but does not change findings
            f.actAs("carl");
            EvidenceFile e = Records.newRecord(QmsPackage.Literals.EVIDENCE_FILE);
            e.setName("screenshot.png");
            f.store.storeContent(e, new byte[] { 1, 2, 3 }, null);
            qms.model.Link link = Records.newRecord(QmsPackage.Literals.LINK);
            link.setType("evidenceFor");
            link.setSource(e);
            link.setTarget(finding);
            f.store.save(link, null);
            Finding loaded = (Finding) f.store.get(finding.getId());
            loaded.setTitle("Changed by a contributor");
            assertThrows(AccessDeniedException.class, () -> f.store.save(loaded, null));
            // nobody saves a signature record directly: only the signature service makes them
            f.actAs("admin");
            qms.model.Signature forged = Records.newRecord(QmsPackage.Literals.SIGNATURE);
            forged.setRecord(finding);
            forged.setMeaning("Approved");
            forged.setSignerUserId("quinn");
            forged.setPrintedName("Quinn QA");
            forged.setSignedAt(new java.util.Date());
            forged.setContentHash("0".repeat(64));
            AccessDeniedException e2 = assertThrows(AccessDeniedException.class, () -> f.store.save(forged, null));
            assertTrue(e2.getMessage().contains("the suite itself only"), e2.getMessage());
        }
    }
}
