package qms.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules a password must meet and how long it lasts (21 CFR 11.300): a minimum length, not the user id, not one
 * of the last passwords, an expiry, and a lockout after repeated failures.
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
        if (userId != null && new String(password).trim().equalsIgnoreCase(userId.trim())) {
            problems.add("The password must not be the user id");
        }
        List<String> recent = previousHashes.subList(0, Math.min(historySize, previousHashes.size()));
        if (recent.stream().anyMatch(h -> hasher.matches(password, h))) {
            problems.add("The password must not be one of the last " + historySize + " passwords");
        }
        return problems;
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
