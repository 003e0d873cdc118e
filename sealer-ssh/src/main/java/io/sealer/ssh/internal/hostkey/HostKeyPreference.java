package io.sealer.ssh.internal.hostkey;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers first the host-key algorithms of the key types {@code known_hosts} already records for the host, as OpenSSH
 * does, so a host known by its RSA key is not met with its ed25519 key (which would look unknown).
 */
public final class HostKeyPreference implements SessionListener {
    private static final Logger LOG = LoggerFactory.getLogger(HostKeyPreference.class);

    private final KnownHostsFile file;

    public HostKeyPreference(KnownHostsFile file) {
        this.file = file;
    }

    @Override
    public void sessionNegotiationOptionsCreated(Session session, Map<KexProposalOption, String> proposal) {
        if (!(session instanceof ClientSession client)) {
            return;
        }
        AttributeRepository context = client.getConnectionContext();
        HostKeyTarget target = context == null ? null : context.getAttribute(HostKeyTarget.KEY);
        String offered = proposal.get(KexProposalOption.SERVERKEYS);
        if (target == null || offered == null) {
            return;
        }
        Set<String> known;
        try {
            known = HostKeyCheck.knownTypes(file.read(), target);
        } catch (IOException e) {
            return;
        }
        if (known.isEmpty()) {
            return;
        }
        List<String> first = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String algorithm : offered.split(",")) {
            (known.contains(HostKeys.keyTypeOfAlgorithm(algorithm)) ? first : rest).add(algorithm);
        }
        first.addAll(rest);
        String ordered = String.join(",", first);
        LOG.debug("{}: host key algorithms {}", target, ordered);
        proposal.put(KexProposalOption.SERVERKEYS, ordered);
    }
}
