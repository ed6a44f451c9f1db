package qms.modules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.eclipse.equinox.p2.core.UIServices;

/**
 * The installation's trust in what p2 installs, answered without asking anyone: content signed by a publisher
 * whose certificate is in the installation's {@value #FILE} (the build puts its publisher's there) is trusted;
 * unsigned content and content signed by anybody else is refused, and why is kept for the refusal's message. p2
 * asks only about what the JVM does not trust already (the Eclipse platform's own signed jars pass without asking).
 */
final class PublisherTrust extends UIServices {

    /** The file of trusted publisher certificates (PEM), in the installation's folder. */
    static final String FILE = "qms-trusted-publishers.pem";

    private final Path file;
    private final List<Certificate> trusted;
    private volatile String refused;

    PublisherTrust(Path file) {
        this.file = file;
        this.trusted = read(file);
    }

    private static List<Certificate> read(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return List.of();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
        } catch (IOException | CertificateException e) {
            throw new ModuleException("The trusted publishers " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Why the last change was refused (the publishers and files p2 asked about), or null. */
    String refused() {
        return refused;
    }

    void reset() {
        refused = null;
    }

    @Override
    public TrustInfo getTrustInfo(Certificate[][] untrustedChains, String[] unsignedDetail) {
        return decide(untrustedChains, unsignedDetail);
    }

    @Override
    public TrustInfo getTrustInfo(Certificate[][] untrustedChains, Collection<org.bouncycastle.openpgp.PGPPublicKey>
            untrustedKeys, String[] unsignedDetail) {
        return decide(untrustedChains, unsignedDetail);
    }

    private TrustInfo decide(Certificate[][] chains, String[] unsigned) {
        List<Certificate> accepted = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (Certificate[] chain : chains == null ? new Certificate[0][] : chains) {
            boolean known = false;
            for (Certificate c : chain) {
                known |= trusted.contains(c);
            }
            if (known) {
                accepted.add(chain[0]);
            } else {
                reasons.add("signed by " + subject(chain[0]) + ", a publisher this installation does not trust");
            }
        }
        if (unsigned != null && unsigned.length > 0) {
            reasons.add("unsigned: " + String.join(", ", List.of(unsigned).stream().map(u -> Path.of(u).getFileName()
                    .toString()).toList()));
        }
        if (!reasons.isEmpty()) {
            refused = String.join("; ", reasons) + (trusted.isEmpty() ? " (this installation trusts no publisher: "
                    + file + " is missing)" : " (trusted publishers: " + file + ")");
        }
        return new TrustInfo(accepted, List.of(), false, false);
    }

    private static String subject(Certificate c) {
        return c instanceof X509Certificate x ? "\"" + x.getSubjectX500Principal().getName() + "\"" : c.getType();
    }

    @Override
    public AuthenticationInfo getUsernamePassword(String location) {
        return null;
    }

    @Override
    public AuthenticationInfo getUsernamePassword(String location, AuthenticationInfo previousInfo) {
        return null;
    }
}
