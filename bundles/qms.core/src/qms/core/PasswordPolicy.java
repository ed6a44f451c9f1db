package qms.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules a password must meet and how long it lasts (21 CFR 11.300, NIST SP 800-63B §5.1.1.2): a minimum length as
 * the main rule, not made of the user id or the suite's name, not one of the passwords most often seen in data
 * breaches, not one of the last passwords; an expiry, and a lockout after repeated failures.
 *
 * @param minLength       fewest characters (at least 8; default 12)
 * @param historySize     how many previous passwords may not be reused (default 5)
 * @param expiryDays      days a password lasts; 0 for no expiry (default 90)
 * @param lockoutAttempts failed attempts in a row that lock the account until an administrator unlocks it
 *                        (default 5)
 */
public record PasswordPolicy(int minLength, int historySize, int expiryDays, int lockoutAttempts) {

    public static final PasswordPolicy DEFAULT = new PasswordPolicy(12, 5, 90, 5);

    public PasswordPolicy {
        if (minLength < 8) {
            throw new IllegalArgumentException("a minimum length below 8 is not allowed: " + minLength);
        }
        if (historySize < 0 || expiryDays < 0 || lockoutAttempts < 1) {
            throw new IllegalArgumentException("history, expiry must be >= 0 and lockout attempts >= 1");
        }
    }

    /**
     * What is wrong with a new password, one sentence per rule it breaks; empty if it may be used.
     *
     * @param previousHashes the user's earlier password hashes, newest first
     */
    public List<String> violations(String userId, char[] password, List<String> previousHashes,
            PasswordHasher hasher) {
        List<String> problems = new ArrayList<>();
        if (password.length < minLength) {
            problems.add("The password must have at least " + minLength + " characters (it has " + password.length
                    + ")");
        }
        String text = new String(password);
        if (madeOf(text, userId == null ? List.of() : List.of(userId))) {
            problems.add("The password must not be made of the user id (" + userId.trim() + ")");
        }
        if (madeOf(text, SUITE_NAME)) {
            problems.add("The password must not be made of the suite's name");
        }
        if (BreachedPasswords.contains(password)) {
            problems.add("The password is one of the 100,000 seen most often in data breaches (the NCSC's list from"
                    + " Have I Been Pwned), which attackers try first");
        }
        List<String> recent = previousHashes.subList(0, Math.min(historySize, previousHashes.size()));
        if (recent.stream().anyMatch(h -> hasher.matches(password, h))) {
            problems.add("The password must not be one of the last " + historySize + " passwords");
        }
        return problems;
    }

    /** The suite's name, as a password might spell it, that a password must not be made of. */
    private static final List<String> SUITE_NAME = List.of("CRO Quality Suite", "Quality Suite", "CRO-QMS", "QMS");

    /** Letters a password must keep besides the words it contains for it not to be "made of" them. */
    static final int OWN_LETTERS = 4;

    /**
     * Whether the password's letters contain one of the words' (without regard to case) and fewer than
     * {@link #OWN_LETTERS} letters are left once they are taken out: "qa.admin2026!" for the user qa.admin,
     * "CroQualitySuite1!". A passphrase that merely mentions the word ("the admin's own passphrase") keeps
     * letters of its own; digits and signs do not count.
     */
    static boolean madeOf(String password, List<String> words) {
        String rest = letters(password);
        boolean found = false;
        for (String w : words) {
            String word = letters(w);
            if (word.length() >= 2 && rest.contains(word)) {
                rest = rest.replace(word, "");
                found = true;
            }
        }
        return found && rest.length() < OWN_LETTERS;
    }

    private static String letters(String s) {
        StringBuilder b = new StringBuilder();
        s.toLowerCase(java.util.Locale.ROOT).codePoints().filter(Character::isLetter).forEach(b::appendCodePoint);
        return b.toString();
    }

    /** Whether a password set at {@code changedAt} must be changed at {@code now}. */
    public boolean isExpired(Instant changedAt, Instant now) {
        return expiryDays > 0 && !now.isBefore(changedAt.plus(Duration.ofDays(expiryDays)));
    }

    /** Whether this many failed attempts in a row lock the account. */
    public boolean locksOut(int failedAttempts) {
        return failedAttempts >= lockoutAttempts;
    }
}
