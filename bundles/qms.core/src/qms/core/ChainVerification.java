package qms.core;

/**
 * The result of checking the audit trail's hash chain.
 *
 * @param entriesChecked how many entries were read
 * @param firstBroken    sequence number of the first entry whose chain breaks, or -1 if the chain is intact
 * @param problem        what is wrong with that entry (null when intact)
 * @param headHash       hash of the last entry (the chain head); it identifies the trail's state, e.g. to
 *                       compare a restored backup with the original
 */
public record ChainVerification(long entriesChecked, long firstBroken, String problem, String headHash) {

    public boolean intact() {
        return firstBroken < 0;
    }

    @Override
    public String toString() {
        return intact() ? "Audit trail intact: " + entriesChecked + " entries, head " + headHash
                : "Audit trail broken at entry " + firstBroken + ": " + problem;
    }
}
