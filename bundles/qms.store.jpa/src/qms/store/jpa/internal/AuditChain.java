package qms.store.jpa.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import qms.core.AuditEntry;

/**
 * The hash of an audit entry: SHA-256 over its fields and the previous entry's hash, each field written with its
 * length first so that no two different entries share an encoding.
 */
final class AuditChain {

    static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    static String hash(long sequence, String at, String user, String recordId, String recordType, String recordLabel,
            String action, String attribute, String oldValue, String newValue, String reason, String previousHash) {
        StringBuilder b = new StringBuilder(256);
        b.append(sequence).append('|');
        for (String field : new String[] { at, user, recordId, recordType, recordLabel, action, attribute, oldValue,
                newValue, reason, previousHash }) {
            if (field == null) {
                b.append("-|");
            } else {
                b.append(field.length()).append(':').append(field).append('|');
            }
        }
        return sha256(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String hash(AuditEntryEntity e) {
        return hash(e.sequence, e.at, e.user, e.recordId, e.recordType, e.recordLabel, e.action, e.attribute,
                e.oldValue, e.newValue, e.reason, e.previousHash);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static AuditEntry toEntry(AuditEntryEntity e) {
        return new AuditEntry(e.sequence, java.time.Instant.parse(e.at), e.user, e.recordId, e.recordType,
                e.recordLabel, qms.core.AuditAction.valueOf(e.action), e.attribute, e.oldValue, e.newValue, e.reason,
                e.previousHash, e.hash);
    }
}
