package qms.core;

import java.util.List;

import qms.model.Signature;
import qms.model.SignatureMeaning;

/**
 * Electronic signatures (21 CFR 11.50, 11.70, 11.200) any module can ask for. The signer re-enters both
 * components, user id and password, at every signing; the signature records the printed name, the time (UTC),
 * the meaning and the SHA-256 of the record's content, so a later change of the record is detected. Separation of
 * duties comes from the {@link SignatureMeaning} records.
 */
public interface Signatures {

    /** The meanings a record can be signed with. */
    List<SignatureMeaning> meanings();

    /**
     * Signs a saved record as the signed-in user.
     *
     * @throws AuthenticationException the user id is not the signed-in user's, or the password is wrong (counts
     *                                 towards the lockout)
     * @throws AccessDeniedException   the meaning's rules forbid this signer (role, separation of duties)
     */
    Signature sign(String recordId, String userId, char[] password, String meaning);

    /**
     * Why the meaning's rules (roles, separation of duties, meanings that exclude each other) would refuse
     * {@code userId}'s signature of the saved record with {@code meaning}, as a clause ("you created the record, and
     * 'Approved' must come from someone else (separation of duties)"); empty if they allow it or the user has no
     * account. The password is not asked: this is what a dialog shows before anyone signs.
     */
    java.util.Optional<String> refusal(String recordId, String userId, String meaning);

    /** The record's signatures, oldest first, each checked against the record's current content. */
    List<SignatureCheck> signatures(String recordId);

    /** SHA-256 (hex) of the record's stored content, as a signature binds it. */
    String contentHash(String recordId);
}
