package qms.store.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.core.AccessDeniedException;
import qms.core.AuditAction;
import qms.core.AuditEntry;
import qms.core.AuthenticationException;
import qms.core.ReasonRequiredException;
import qms.core.Records;
import qms.core.SignatureCheck;
import qms.model.AccessRole;
import qms.model.Finding;
import qms.model.FindingGrade;
import qms.model.FindingSource;
import qms.model.FindingStatus;
import qms.model.QmsPackage;
import qms.model.Signature;

/** Electronic signatures bound to the record's content, separation of duties, and reasons for change. */
class SignaturesTest {

    @TempDir
    Path dataDir;

    private static Finding finding(String title) {
        Finding f = Records.newRecord(QmsPackage.Literals.FINDING);
        f.setTitle(title);
        f.setSource(FindingSource.SPONSOR_AUDIT);
        f.setGrade(FindingGrade.MAJOR);
        return f;
    }

    @Test
    void aSignatureRecordsWhoWhenWhatAndDetectsALaterChange() {
        try (Part11Fixture f = new Part11Fixture(dataDir)) {
            f.addUser("sam", "Sam Author", AccessRole.QA_MANAGER);
            f.addUser("quinn", "Quinn Approver", AccessRole.QA_MANAGER);
            f.actAs("sam");
            Finding finding = finding("Backups never restore-tested");
            f.store.save(finding, null);
            f.store.signatures().sign(finding.getId(), "sam", Part11Fixture.PASSWORD, "Authored");

            f.actAs("quinn");
            String hashBefore = f.store.signatures().contentHash(finding.getId());
            Signature s = f.store.signatures().sign(finding.getId(), "quinn", Part11Fixture.PASSWORD, "Approved");
            assertEquals("Quinn Approver", s.getPrintedName());
            assertEquals(hashBefore, s.getContentHash());
            assertTrue(Math.abs(s.getSignedAt().getTime() - System.currentTimeMillis()) < 60_000);

            List<SignatureCheck> checks = f.store.signatures().signatures(finding.getId());
            assertEquals(List.of("Authored", "Approved"), checks.stream().map(c -> c.signature().getMeaning())
                    .toList());
            assertTrue(checks.stream().allMatch(SignatureCheck::intact));
            assertTrue(checks.get(1).describe().matches("Approved by Quinn Approver \\(quinn\\), \\d{4}-\\d\\d-\\d\\d"
                    + " \\d\\d:\\d\\d UTC, meaning: Approved"), checks.get(1).describe());
            AuditEntry signed = f.store.auditTrail().forRecord(finding.getId()).stream()
                    .filter(e -> e.action() == AuditAction.SIGNATURE).reduce((a, b) -> b).orElseThrow();
            assertEquals("quinn", signed.user());
            assertTrue(signed.newValue().contains(s.getContentHash()));

            // a signed record is controlled: a change needs a reason, and then the signatures show it changed
            Finding loaded = (Finding) f.store.get(finding.getId());
            loaded.setImpact("Four weeks of data at risk");
            ReasonRequiredException noReason = assertThrows(ReasonRequiredException.class,
                    () -> f.store.save(loaded, "  "));
            assertTrue(noReason.getMessage().contains("is signed (2 signatures)"), noReason.getMessage());
            assertTrue(f.store.signatures().signatures(finding.getId()).stream().allMatch(SignatureCheck::intact),
                    "nothing was saved");
            f.store.save(loaded, "Impact assessed after the inspection");
            List<SignatureCheck> after = f.store.signatures().signatures(finding.getId());
            assertTrue(after.stream().noneMatch(SignatureCheck::intact));
            assertTrue(after.get(1).describe().endsWith("the record was changed after it was signed"));
            AuditEntry change = f.store.auditTrail().forRecord(finding.getId()).stream()
                    .filter(e -> e.action() == AuditAction.UPDATE).findFirst().orElseThrow();
            assertEquals("Impact assessed after the inspection", change.reason());
        }
    }

    @Test
    void separationOfDutiesRolesAndTheSignersOwnIdentityAreEnforced() {
        try (Part11Fixture f = new Part11Fixture(dataDir)) {
            f.addUser("sam", "Sam Author", AccessRole.QA_MANAGER);
            f.addUser("carl", "Carl Contributor", AccessRole.CONTRIBUTOR);
            f.actAs("sam");
            Finding finding = finding("Shared EDC credentials");
            f.store.save(finding, null);

            AccessDeniedException creator = assertThrows(AccessDeniedException.class,
                    () -> f.store.signatures().sign(finding.getId(), "sam", Part11Fixture.PASSWORD, "Approved"));
            assertTrue(creator.getMessage().contains("you created the record"), creator.getMessage());
            f.store.signatures().sign(finding.getId(), "sam", Part11Fixture.PASSWORD, "Authored");
            AccessDeniedException author = assertThrows(AccessDeniedException.class,
                    () -> f.store.signatures().sign(finding.getId(), "sam", Part11Fixture.PASSWORD, "Reviewed"));
            assertTrue(author.getMessage().contains("you signed it as 'Authored'"), author.getMessage());
            AccessDeniedException twice = assertThrows(AccessDeniedException.class,
                    () -> f.store.signatures().sign(finding.getId(), "sam", Part11Fixture.PASSWORD, "Authored"));
            assertTrue(twice.getMessage().contains("already"), twice.getMessage());
            AccessDeniedException other = assertThrows(AccessDeniedException.class,
                    () -> f.store.signatures().sign(finding.getId(), "carl", Part11Fixture.PASSWORD, "Reviewed"));
            assertTrue(other.getMessage().contains("only sign as yourself"), other.getMessage());

            f.actAs("carl");
            AccessDeniedException role = assertThrows(AccessDeniedException.class,
                    () -> f.store.signatures().sign(finding.getId(), "carl", Part11Fixture.PASSWORD, "Approved"));
            assertTrue(role.getMessage().contains("needs the role QA Manager"), role.getMessage());
            f.store.signatures().sign(finding.getId(), "carl", Part11Fixture.PASSWORD, "Reviewed");
            assertEquals(2, f.store.signatures().signatures(finding.getId()).size());
            assertEquals(5, f.store.auditTrail().forRecord(finding.getId()).stream()
                    .filter(e -> e.action() == AuditAction.DENIED).count(), "every refusal is audited");
        }
    }

    @Test
    void failedSignatureAttemptsCountTowardsTheLockout() {
        try (Part11Fixture f = new Part11Fixture(dataDir)) {
            f.addUser("sam", "Sam Author", AccessRole.QA_MANAGER);
            f.actAs("sam");
            Finding finding = finding("Unencrypted backups");
            f.store.save(finding, null);
            for (int i = 0; i < 2; i++) {
                assertThrows(AuthenticationException.class, () -> f.store.signatures().sign(finding.getId(), "sam",
                        "not my password".toCharArray(), "Authored"));
            }
            for (int i = 0; i < 2; i++) {
                assertThrows(AuthenticationException.class,
                        () -> f.store.accounts().signIn("sam", "still not it".toCharArray()));
            }
            AuthenticationException fifth = assertThrows(AuthenticationException.class, () -> f.store.signatures()
                    .sign(finding.getId(), "sam", "not my password".toCharArray(), "Authored"));
            assertTrue(fifth.locked(), "2 signature + 2 sign-in + 1 signature failures lock the account");
            assertThrows(AuthenticationException.class,
                    () -> f.store.signatures().sign(finding.getId(), "sam", Part11Fixture.PASSWORD, "Authored"));
            assertTrue(f.store.signatures().signatures(finding.getId()).isEmpty());
        }
    }

    @Test
    void changingAClosedRecordNeedsAReasonAndTheReasonIsAudited() {
        try (Part11Fixture f = new Part11Fixture(dataDir)) {
            f.addUser("quinn", "Quinn QA", AccessRole.QA_MANAGER);
            f.actAs("quinn");
            Finding finding = finding("Vendor without Part 11 SLA");
            f.store.save(finding, null);
            assertTrue(f.store.reasonRequired(finding.getId()).isEmpty(), "an open finding changes freely");
            Finding open = (Finding) f.store.get(finding.getId());
            open.setStatus(FindingStatus.CLOSED);
            f.store.save(open, null); // closing it is the last free change

            assertEquals("Finding 'Vendor without Part 11 SLA' is Closed (status)",
                    f.store.reasonRequired(finding.getId()).orElseThrow());
            Finding closed = (Finding) f.store.get(finding.getId());
            closed.setStatus(FindingStatus.OPEN);
            long before = f.store.auditTrail().size();
            ReasonRequiredException e = assertThrows(ReasonRequiredException.class, () -> f.store.save(closed, null));
            assertTrue(e.getMessage().contains("needs a reason"), e.getMessage());
            assertEquals(before, f.store.auditTrail().size(), "nothing written");
            assertThrows(ReasonRequiredException.class, () -> f.store.delete(f.store.get(finding.getId()), null,
                    false));

            Finding unchanged = (Finding) f.store.get(finding.getId());
            f.store.save(unchanged, null); // saving without a change needs no reason
            closed.setStatus(FindingStatus.OPEN);
            Finding again = (Finding) f.store.get(finding.getId());
            again.setStatus(FindingStatus.OPEN);
            f.store.save(again, "Reopened: the SLA was not signed after all");
            AuditEntry reopened = f.store.auditTrail().forRecord(finding.getId()).stream()
                    .reduce((a, b) -> b).orElseThrow();
            assertEquals("status", reopened.attribute());
            assertEquals("Closed", reopened.oldValue());
            assertEquals("Reopened: the SLA was not signed after all", reopened.reason());
            assertFalse(f.store.reasonRequired(finding.getId()).isPresent());
        }
    }
}
