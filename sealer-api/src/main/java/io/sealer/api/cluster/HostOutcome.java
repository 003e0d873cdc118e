package io.sealer.api.cluster;

import java.util.List;
import java.util.Objects;

/**
 * What an apply did on one host.
 *
 * @param host the host's address
 * @param ran ids of the steps run by this call, in the order they finished
 * @param resumed ids of the steps skipped because an earlier, interrupted call had finished them (the journal)
 */
public record HostOutcome(String host, List<String> ran, List<String> resumed) {
    public HostOutcome {
        Objects.requireNonNull(host, "host");
        ran = List.copyOf(ran);
        resumed = List.copyOf(resumed);
    }
}
