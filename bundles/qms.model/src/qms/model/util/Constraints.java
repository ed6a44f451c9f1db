package qms.model.util;

import java.util.Map;
import java.util.regex.Pattern;

import org.eclipse.emf.common.util.BasicDiagnostic;
import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.common.util.DiagnosticChain;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;

import qms.model.EvidenceFile;
import qms.model.Finding;
import qms.model.Link;
import qms.model.QmsPackage;
import qms.model.Record;
import qms.model.SystemSettings;
import qms.model.UserAccount;
import qms.model.Vendor;

/**
 * The bodies of the model's invariants. The generated code calls these through genmodel {@code body} annotations
 * on the EOperations in {@code qms.ecore}, so the generated code is never edited. Each diagnostic carries the
 * record and the offending feature as its data, so a form can put the message next to the field.
 */
public final class Constraints {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern USER_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private Constraints() {
    }

    public static boolean hasUuid(Record record, DiagnosticChain diagnostics, Map<Object, Object> context) {
        String id = record.getId();
        if (id == null || UUID.matcher(id).matches()) {
            return true; // a missing id is reported by the multiplicity check
        }
        return fail(diagnostics, QmsValidator.RECORD__HAS_UUID, record, QmsPackage.Literals.RECORD__ID,
                "The id '" + id + "' is not a UUID");
    }

    public static boolean hasValidContactEmail(Vendor vendor, DiagnosticChain diagnostics,
            Map<Object, Object> context) {
        String email = vendor.getContactEmail();
        if (email == null || email.isBlank() || EMAIL.matcher(email.trim()).matches()) {
            return true;
        }
        return fail(diagnostics, QmsValidator.VENDOR__HAS_VALID_CONTACT_EMAIL, vendor,
                QmsPackage.Literals.VENDOR__CONTACT_EMAIL, "Contact email '" + email + "' is not an email address");
    }

    public static boolean hasWellFormedHash(EvidenceFile file, DiagnosticChain diagnostics,
            Map<Object, Object> context) {
        boolean ok = true;
        if (file.getSha256() != null && !SHA256.matcher(file.getSha256()).matches()) {
            ok = fail(diagnostics, QmsValidator.EVIDENCE_FILE__HAS_WELL_FORMED_HASH, file,
                    QmsPackage.Literals.EVIDENCE_FILE__SHA256, "SHA-256 must be 64 lower-case hexadecimal digits");
        }
        if (file.getSize() < 0) {
            ok = fail(diagnostics, QmsValidator.EVIDENCE_FILE__HAS_WELL_FORMED_HASH, file,
                    QmsPackage.Literals.EVIDENCE_FILE__SIZE, "Size cannot be negative") && ok;
        }
        return ok;
    }

    public static boolean isDueAfterIdentified(Finding finding, DiagnosticChain diagnostics,
            Map<Object, Object> context) {
        if (finding.getIdentifiedOn() == null || finding.getResponseDue() == null
                || !finding.getResponseDue().before(finding.getIdentifiedOn())) {
            return true;
        }
        return fail(diagnostics, QmsValidator.FINDING__IS_DUE_AFTER_IDENTIFIED, finding,
                QmsPackage.Literals.FINDING__RESPONSE_DUE, "Response due date is before the date identified");
    }

    public static boolean hasWellFormedUserId(UserAccount account, DiagnosticChain diagnostics,
            Map<Object, Object> context) {
        String id = account.getUserId();
        if (id == null || USER_ID.matcher(id).matches()) {
            return true; // a missing user id is reported by the multiplicity check
        }
        return fail(diagnostics, QmsValidator.USER_ACCOUNT__HAS_WELL_FORMED_USER_ID, account,
                QmsPackage.Literals.USER_ACCOUNT__USER_ID, "User id '" + id + "' must be 2 to 64 lower-case letters,"
                        + " digits, '.', '-' or '_', starting with a letter or digit");
    }

    public static boolean hasSensibleValues(SystemSettings settings, DiagnosticChain diagnostics,
            Map<Object, Object> context) {
        int code = QmsValidator.SYSTEM_SETTINGS__HAS_SENSIBLE_VALUES;
        boolean ok = true;
        if (settings.getPasswordMinLength() < 8) {
            ok = fail(diagnostics, code, settings, QmsPackage.Literals.SYSTEM_SETTINGS__PASSWORD_MIN_LENGTH,
                    "Password minimum length must be at least 8 (it is " + settings.getPasswordMinLength() + ")");
        }
        if (settings.getPasswordHistory() < 0) {
            ok = fail(diagnostics, code, settings, QmsPackage.Literals.SYSTEM_SETTINGS__PASSWORD_HISTORY,
                    "Password history cannot be negative") && ok;
        }
        if (settings.getPasswordExpiryDays() < 0) {
            ok = fail(diagnostics, code, settings, QmsPackage.Literals.SYSTEM_SETTINGS__PASSWORD_EXPIRY_DAYS,
                    "Password expiry cannot be negative (0 means no expiry)") && ok;
        }
        if (settings.getLockoutAttempts() < 1 || settings.getLockoutAttempts() > 10) {
            ok = fail(diagnostics, code, settings, QmsPackage.Literals.SYSTEM_SETTINGS__LOCKOUT_ATTEMPTS,
                    "Lockout attempts must be between 1 and 10 (it is " + settings.getLockoutAttempts() + ")") && ok;
        }
        if (settings.getIdleLockMinutes() < 1 || settings.getIdleLockMinutes() > 240) {
            ok = fail(diagnostics, code, settings, QmsPackage.Literals.SYSTEM_SETTINGS__IDLE_LOCK_MINUTES,
                    "Idle lock must be between 1 and 240 minutes (it is " + settings.getIdleLockMinutes() + ")") && ok;
        }
        if (settings.getBackupTime() == null || !settings.getBackupTime().matches("([01][0-9]|2[0-3]):[0-5][0-9]")) {
            ok = fail(diagnostics, code, settings, QmsPackage.Literals.SYSTEM_SETTINGS__BACKUP_TIME,
                    "Backup time must be a time of day as HH:mm, e.g. 02:00 (it is '" + settings.getBackupTime()
                            + "')") && ok;
        }
        if (settings.getBackupRetention() < 1 || settings.getBackupRetention() > 365) {
            ok = fail(diagnostics, code, settings, QmsPackage.Literals.SYSTEM_SETTINGS__BACKUP_RETENTION,
                    "Backup retention must keep between 1 and 365 backups (it is " + settings.getBackupRetention()
                            + ")") && ok;
        }
        return ok;
    }

    public static boolean isNotSelfLink(Link link, DiagnosticChain diagnostics, Map<Object, Object> context) {
        if (link.getSource() == null || link.getSource() != link.getTarget()) {
            return true;
        }
        return fail(diagnostics, QmsValidator.LINK__IS_NOT_SELF_LINK, link, QmsPackage.Literals.LINK__TARGET,
                "A record cannot be linked to itself");
    }

    private static boolean fail(DiagnosticChain diagnostics, int code, EObject object, EStructuralFeature feature,
            String message) {
        if (diagnostics != null) {
            diagnostics.add(new BasicDiagnostic(Diagnostic.ERROR, QmsValidator.DIAGNOSTIC_SOURCE, code, message,
                    new Object[] { object, feature }));
        }
        return false;
    }
}
