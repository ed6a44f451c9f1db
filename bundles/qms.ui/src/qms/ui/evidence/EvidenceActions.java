package qms.ui.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.osgi.service.component.annotations.Component;

import qms.core.StoreException;
import qms.model.EvidenceFile;
import qms.model.QmsPackage;
import qms.ui.RecordAction;
import qms.ui.internal.Messages;

/** The evidence file's own actions: attach its content, export it, verify its SHA-256. */
public final class EvidenceActions {

    /** Larger files are refused: evidence is read into memory to hash and store it. */
    static final long MAX_BYTES = 512L * 1024 * 1024;

    private EvidenceActions() {
    }

    /** An action on evidence files (and their subclasses in modules). */
    abstract static class OnEvidence implements RecordAction {
        @Override
        public final boolean appliesTo(EClass eClass) {
            return QmsPackage.Literals.EVIDENCE_FILE.isSuperTypeOf(eClass);
        }
    }

    /** Stores a file's bytes as the evidence's content; the store sets size, SHA-256, capture time and user. */
    @Component(service = RecordAction.class)
    public static final class Attach extends OnEvidence {
        @Override
        public String label() {
            return Messages.Evidence_attach;
        }

        @Override
        public String description() {
            return Messages.Evidence_attachDescription;
        }

        @Override
        public void run(Context context) {
            FileDialog dialog = new FileDialog(context.shell(), SWT.OPEN);
            dialog.setText(Messages.Evidence_attach);
            String chosen = dialog.open();
            if (chosen != null) {
                attach(context, Path.of(chosen));
            }
        }

        /** Reads the file and stores it as the evidence's content (also used without the file dialog). */
        public static void attach(Context context, Path file) {
            EvidenceFile evidence = (EvidenceFile) context.record();
            try {
                long size = Files.size(file);
                if (size > MAX_BYTES) {
                    throw new StoreException(Messages.bind(Messages.Evidence_tooLarge, file, size, MAX_BYTES));
                }
                byte[] content = Files.readAllBytes(file);
                String type = Files.probeContentType(file);
                if (type != null && (evidence.getMediaType() == null
                        || "application/octet-stream".equals(evidence.getMediaType()))) {
                    evidence.setMediaType(type);
                }
                context.store().storeContent(evidence, content, Messages.bind(Messages.Evidence_attachedFrom,
                        file.getFileName()));
            } catch (IOException e) {
                throw new StoreException(Messages.bind(Messages.Evidence_cannotRead, file, e.getMessage()), e);
            }
        }
    }

    /** Writes the stored content to a file, after checking its hash. */
    @Component(service = RecordAction.class)
    public static final class Export extends OnEvidence {

        @Override
        public boolean enabledFor(qms.core.RecordStore store, qms.model.Record record) {
            return true; // reads only: auditors use it too
        }
        @Override
        public String label() {
            return Messages.Evidence_export;
        }

        @Override
        public void run(Context context) {
            EvidenceFile evidence = (EvidenceFile) context.record();
            byte[] content = context.store().readContent(evidence.getId());
            FileDialog dialog = new FileDialog(context.shell(), SWT.SAVE);
            dialog.setText(Messages.Evidence_export);
            dialog.setFileName(evidence.getName());
            dialog.setOverwrite(true);
            String chosen = dialog.open();
            if (chosen != null) {
                try {
                    Files.write(Path.of(chosen), content);
                } catch (IOException e) {
                    throw new StoreException(Messages.bind(Messages.Evidence_cannotWrite, chosen, e.getMessage()), e);
                }
            }
        }
    }

    /** Reads the content back and checks it against the SHA-256 recorded when it was stored. */
    @Component(service = RecordAction.class)
    public static final class Verify extends OnEvidence {

        @Override
        public boolean enabledFor(qms.core.RecordStore store, qms.model.Record record) {
            return true; // reads only: auditors use it too
        }
        @Override
        public String label() {
            return Messages.Evidence_verify;
        }

        @Override
        public void run(Context context) {
            EvidenceFile evidence = (EvidenceFile) context.record();
            context.store().readContent(evidence.getId()); // throws IntegrityException on a mismatch
            MessageDialog.openInformation(context.shell(), Messages.Evidence_verify,
                    Messages.bind(Messages.Evidence_verified, evidence.getName(), evidence.getSha256()));
        }
    }
}
