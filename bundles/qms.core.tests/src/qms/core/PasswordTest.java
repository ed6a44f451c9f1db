package qms.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Password hashing parameters and the password policy (issue 3's first part). */
class PasswordTest {

    private static final PasswordHasher HASHER = new PasswordHasher();

    @Test
    void hashesArePbkdf2Sha256With600000IterationsAndARandomSalt() {
        String a = HASHER.hash("correct horse battery".toCharArray());
        String b = HASHER.hash("correct horse battery".toCharArray());
        String[] parts = a.split("\\$");
        assertEquals("pbkdf2-sha256", parts[0]);
        assertEquals("600000", parts[1]);
        assertEquals(16, java.util.Base64.getDecoder().decode(parts[2]).length, "128-bit salt");
        assertEquals(32, java.util.Base64.getDecoder().decode(parts[3]).length, "256-bit hash");
        assertNotEquals(a, b, "each hash has its own salt");
        assertTrue(HASHER.matches("correct horse battery".toCharArray(), a));
        assertTrue(HASHER.matches("correct horse battery".toCharArray(), b));
        assertFalse(HASHER.matches("correct horse batterY".toCharArray(), a));
    }

    @Test
    void fewerIterationsAreRefusedAndOlderHashesAreFlaggedForRehash() {
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(100_000));
        String old = HASHER.hash("long enough password".toCharArray());
        PasswordHasher stronger = new PasswordHasher(700_000);
        assertTrue(stronger.needsRehash(old));
        assertTrue(stronger.matches("long enough password".toCharArray(), old), "old hashes still verify");
        assertFalse(HASHER.needsRehash(old));
    }

    @Test
    void aDecoyHasTheFormAndIterationsOfARealHashAndNothingMatchesIt() {
        String decoy = HASHER.decoy();
        String[] parts = decoy.split("\\$");
        assertEquals("pbkdf2-sha256", parts[0]);
        assertEquals("600000", parts[1], "checking against it costs what a real hash costs");
        assertEquals(16, java.util.Base64.getDecoder().decode(parts[2]).length);
        assertEquals(32, java.util.Base64.getDecoder().decode(parts[3]).length);
        assertFalse(HASHER.needsRehash(decoy));
        assertNotEquals(decoy, HASHER.decoy(), "random each time");
        for (String guess : new String[] { "", "decoy", "correct horse battery" }) {
            assertFalse(HASHER.matches(guess.toCharArray(), decoy), guess);
        }
    }

    @Test
    void breachedPasswordsAndOnesMadeOfTheUserIdOrTheSuitesNameAreRefusedSayingWhy() {
        PasswordPolicy policy = PasswordPolicy.DEFAULT;
        String breached = "The password is one of the 100,000 seen most often in data breaches (the NCSC's list from"
                + " Have I Been Pwned), which attackers try first";
        assertEquals(List.of(breached), policy.violations("ada", "password1234".toCharArray(), List.of(), HASHER));
        assertEquals(List.of(breached), policy.violations("ada", "PASSWORD1234".toCharArray(), List.of(), HASHER),
                "without regard to case");
        assertEquals(List.of(breached), policy.violations("ada", "1q2w3e4r5t6y".toCharArray(), List.of(), HASHER));
        assertEquals(List.of("The password must not be made of the user id (qa.admin)"), policy.violations(
                "qa.admin", "QA.Admin-2026!".toCharArray(), List.of(), HASHER));
        assertEquals(List.of("The password must not be made of the suite's name"), policy.violations("ada",
                "CroQualitySuite1!".toCharArray(), List.of(), HASHER));
        assertEquals(List.of("The password must not be made of the suite's name"), policy.violations("ada",
                "Quality Suite 2026".toCharArray(), List.of(), HASHER));
        // a passphrase that only mentions them keeps letters of its own
        assertEquals(List.of(), policy.violations("qa.admin", "the qa.admin's own passphrase".toCharArray(),
                List.of(), HASHER));
        assertEquals(List.of(), policy.violations("ada", "my quality suite passphrase".toCharArray(), List.of(),
                HASHER));
        assertEquals(List.of(), policy.violations("ada", "correct horse battery staple".toCharArray(), List.of(),
                HASHER));
        assertTrue(BreachedPasswords.size() > 97_000, "the NCSC's 100,000, distinct without regard to case: "
                + BreachedPasswords.size());
    }

    @Test
    void aDamagedHashIsReportedNotMatched() {
        assertThrows(IllegalArgumentException.class, () -> HASHER.matches("x".toCharArray(), "md5$abc"));
        assertThrows(IllegalArgumentException.class,
                () -> HASHER.matches("x".toCharArray(), "pbkdf2-sha256$600000$@@@$@@@"));
    }

    @Test
    void thePolicyNamesEveryRuleAPasswordBreaks() {
        PasswordPolicy policy = PasswordPolicy.DEFAULT;
        assertEquals(List.of("The password must have at least 12 characters (it has 6)"),
                policy.violations("anna", "xq7#Lm".toCharArray(), List.of(), HASHER));
        assertEquals(List.of("The password must not be made of the user id (anna.lindqvist)"),
                policy.violations("anna.lindqvist", "Anna.Lindqvist".toCharArray(), List.of(), HASHER));
        String previous = HASHER.hash("an old long password".toCharArray());
        assertEquals(List.of("The password must not be one of the last 5 passwords"),
                policy.violations("anna", "an old long password".toCharArray(), List.of(previous), HASHER));
        assertEquals(List.of(), policy.violations("anna", "a brand new passphrase".toCharArray(), List.of(previous),
                HASHER));
    }

    @Test
    void onlyTheLastPasswordsOfTheHistoryCount() {
        PasswordPolicy policy = new PasswordPolicy(12, 1, 90, 5);
        List<String> history = List.of(HASHER.hash("the newest password".toCharArray()),
                HASHER.hash("an older password here".toCharArray()));
        assertEquals(List.of(), policy.violations("anna", "an older password here".toCharArray(), history, HASHER));
        assertEquals(1, policy.violations("anna", "the newest password".toCharArray(), history, HASHER).size());
    }

    @Test
    void expiryAndLockoutFollowTheirNumbers() {
        PasswordPolicy policy = PasswordPolicy.DEFAULT;
        Instant changed = Instant.parse("2026-01-01T00:00:00Z");
        assertFalse(policy.isExpired(changed, changed.plus(89, ChronoUnit.DAYS)));
        assertTrue(policy.isExpired(changed, changed.plus(90, ChronoUnit.DAYS)));
        assertFalse(new PasswordPolicy(12, 5, 0, 5).isExpired(changed, changed.plus(3650, ChronoUnit.DAYS)));
        assertFalse(policy.locksOut(4));
        assertTrue(policy.locksOut(5));
        assertThrows(IllegalArgumentException.class, () -> new PasswordPolicy(6, 5, 90, 5));
    }
}
