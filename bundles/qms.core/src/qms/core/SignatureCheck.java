package qms.core;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import qms.model.Signature;

/**
 * A signature on a record and whether the record is still as it was signed.
 *
 * @param signature the signature
 * @param intact    the record's content hashes to the same SHA-256 as at signing
 */
public record SignatureCheck(Signature signature, boolean intact) {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    /** How the signature is shown with the record, e.g. "Approved by Ann Lee, 2026-11-22 14:03 UTC". */
    public String describe() {
        return signature.getMeaning() + " by " + signature.getPrintedName() + " (" + signature.getSignerUserId()
                + "), " + MINUTE.format(signature.getSignedAt().toInstant()) + " UTC, meaning: "
                + signature.getMeaning() + (intact ? "" : " \u2014 the record was changed after it was signed");
    }
}
