package io.sealer.registry.internal.client;

import io.sealer.api.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Builds the TLS context: the JDK's default trust anchors plus extra PEM CA certificates. */
final class TrustMaterial {
    private TrustMaterial() {
    }

    static SSLContext context(List<Path> caFiles) {
        try {
            if (caFiles.isEmpty()) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            defaults.init((KeyStore) null);
            int n = 0;
            for (TrustManager tm : defaults.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    for (X509Certificate cert : x509.getAcceptedIssuers()) {
                        store.setCertificateEntry("default-" + n++, cert);
                    }
                }
            }
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Path file : caFiles) {
                Collection<? extends Certificate> certs;
                try (InputStream in = Files.newInputStream(file)) {
                    certs = factory.generateCertificates(in);
                } catch (IOException | GeneralSecurityException e) {
                    throw new RegistryException(file.toString(), "cannot read CA certificates; expected PEM: "
                            + e.getMessage(), null);
                }
                if (certs.isEmpty()) {
                    throw new RegistryException(file.toString(), "no certificate found; expected PEM", null);
                }
                for (Certificate cert : certs) {
                    store.setCertificateEntry("extra-" + n++, cert);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new RegistryException("TLS trust", "cannot set up TLS trust: " + e.getMessage(), e);
        }
    }
}
