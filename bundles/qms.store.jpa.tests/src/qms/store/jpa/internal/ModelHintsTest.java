package qms.store.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import qms.core.AuditAction;
import qms.core.CoreModelContribution;
import qms.core.ModelContribution;
import qms.core.ModelRegistry;
import qms.core.Query;
import qms.core.Records;
import qms.core.ValidationException;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.model.SignatureMeaning;

/**
 * Hints a module's model gives the store: moments that may not lie in the future, attributes the store stamps with
 * who saved a record and when, and default records added to a class that holds records already (a module's
 * signature meaning among the core's).
 */
class ModelHintsTest {

    @TempDir
    Path dataDir;
    private final PermitModel m = new PermitModel();

    /** The permit module, bringing a signature meaning of its own. */
    private ModelRegistry model() {
        ModelContribution permits = new ModelContribution() {
            @Override
            public List<org.eclipse.emf.ecore.EPackage> ePackages() {
                return List.of(m.ePackage);
            }

            @Override
            public List<Record> defaultRecords() {
                SignatureMeaning read = Records.newRecord(QmsPackage.Literals.SIGNATURE_MEANING);
                read.setName("Read and understood");
                read.setDescription("I read this procedure and understood it.");
                return List.of(read);
            }
        };
        return ModelRegistry.of(List.of(new CoreModelContribution(), permits));
    }

    private List<String> meanings(Part11Fixture f) {
        return f.store.signatures().meanings().stream().map(SignatureMeaning::getName).sorted().toList();
    }

    @Test
    void aModulesDefaultMeaningJoinsTheCoresOnceAndTheFirstAdministratorStillGetsThem() {
        try (Part11Fixture f = new Part11Fixture(dataDir, model())) {
            assertEquals(List.of("Approved", "Authored", "Read and understood", "Reviewed", "Verified"), meanings(f));
            assertTrue(f.store.auditTrail().page(0, 1000).stream().anyMatch(e -> e.action() == AuditAction.SYSTEM
                    && e.newValue().contains("default record of Signature Meaning were added: Read and understood")));
        }
        try (Part11Fixture f = Part11Fixture.open(dataDir, DerbyTesting.keyFile(dataDir), model())) {
            assertEquals(5, meanings(f).size(), "written once, not again when the store opens again");
        }
    }

    @Test
    void aMomentInTheFutureIsRefusedNamingTheFieldAndStampsSayWhoRecordedWhen() {
        try (Part11Fixture f = new Part11Fixture(dataDir, model())) {
            f.addUser("quinn", "Quinn QA", qms.model.AccessRole.QA_MANAGER);
            f.actAs("quinn");
            Record p = Records.newRecord(m.permit);
            p.eSet(m.name, "P-9");
            p.eSet(m.startsAt, Date.from(Instant.now().plus(Duration.ofHours(2))));
            ValidationException future = assertThrows(ValidationException.class, () -> f.store.save(p, null));
            assertTrue(future.getMessage().contains("Permit 'P-9': Starts at ") && future.getMessage().contains(
                    " is in the future"), future.getMessage());
            assertEquals(0, f.store.count(Query.of(m.permit)), "nothing was written");

            p.eSet(m.startsAt, Date.from(Instant.now().minus(Duration.ofMinutes(1))));
            Record e = Records.newRecord(m.entry);
            e.eSet(m.text, "Permit issued");
            e.eSet(m.recordedBy, "somebody else"); // the store says who, not the caller
            ((List<Record>) p.eGet(m.entries)).add(e);
            Instant before = Instant.now();
            f.store.save(p, null);
            Record stored = (Record) ((List<?>) f.store.get(p.getId()).eGet(m.entries)).get(0);
            assertEquals("quinn", stored.eGet(m.recordedBy));
            Instant at = ((Date) stored.eGet(m.recordedAt)).toInstant();
            assertTrue(!at.isBefore(before.minusSeconds(1)) && !at.isAfter(Instant.now()), at.toString());
        }
    }
}
