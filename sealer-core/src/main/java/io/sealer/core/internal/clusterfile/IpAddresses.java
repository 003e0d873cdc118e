package io.sealer.core.internal.clusterfile;

import com.google.common.net.InetAddresses;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * IP literals as a Clusterfile writes them: single addresses (IPv4 or IPv6), comma-separated lists and ranges
 * {@code 192.168.0.2-192.168.0.9}. Never resolves names. IPv6 results are in canonical (RFC 5952) form.
 */
public final class IpAddresses {
    private IpAddresses() {
    }

    /** Thrown for a bad entry; the caller adds file and field path. */
    public static final class InvalidIpException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidIpException(String message) {
            super(message, null, false, false);
        }
    }

    /** The address parsed without any name lookup, or empty when the text is not an IP literal. */
    static Optional<InetAddress> parse(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty() || trimmed.indexOf('%') >= 0 || !InetAddresses.isInetAddress(trimmed)) {
            return Optional.empty();
        }
        return Optional.of(InetAddresses.forString(trimmed));
    }

    /** Canonical text of an address. */
    static String format(InetAddress address) {
        return InetAddresses.toAddrString(address);
    }

    /** True for IPv4 addresses. */
    static boolean isIpv4(InetAddress address) {
        return address instanceof Inet4Address;
    }

    /**
     * Expands one entry (an address, a range, or a comma-separated list of them) into addresses.
     *
     * @param limit the most addresses the entry may expand to
     */
    public static List<String> expand(String entry, int limit) throws InvalidIpException {
        List<String> result = new ArrayList<>();
        for (String part : entry.split(",", -1)) {
            String item = part.trim();
            if (item.isEmpty()) {
                throw new InvalidIpException(Fields.quote(entry) + " has an empty item");
            }
            int dash = item.indexOf('-');
            if (dash < 0) {
                result.add(format(single(item)));
            } else {
                expandRange(item, dash, limit - result.size(), result);
            }
            if (result.size() > limit) {
                throw new InvalidIpException(Fields.quote(entry) + " expands to more than " + limit + " addresses");
            }
        }
        return result;
    }

    private static InetAddress single(String item) throws InvalidIpException {
        return parse(item).orElseThrow(() -> new InvalidIpException(Fields.quote(item) + " is not an IP address"));
    }

    private static void expandRange(String item, int dash, int limit, List<String> result)
            throws InvalidIpException {
        InetAddress first = single(item.substring(0, dash).trim());
        InetAddress last = single(item.substring(dash + 1).trim());
        if (isIpv4(first) != isIpv4(last)) {
            throw new InvalidIpException("range " + Fields.quote(item) + " mixes IPv4 and IPv6");
        }
        BigInteger start = new BigInteger(1, first.getAddress());
        BigInteger end = new BigInteger(1, last.getAddress());
        if (start.compareTo(end) > 0) {
            throw new InvalidIpException("range " + Fields.quote(item) + " ends before it starts");
        }
        if (end.subtract(start).compareTo(BigInteger.valueOf(limit)) >= 0) {
            throw new InvalidIpException("range " + Fields.quote(item) + " has more than " + limit + " addresses");
        }
        int length = first.getAddress().length;
        for (BigInteger i = start; i.compareTo(end) <= 0; i = i.add(BigInteger.ONE)) {
            result.add(format(toAddress(i, length)));
        }
    }

    /** The address whose unsigned value is {@code value}, {@code length} bytes long. */
    static InetAddress toAddress(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, bytes, length - copy, copy);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of " + length + " bytes", e);
        }
    }
}
