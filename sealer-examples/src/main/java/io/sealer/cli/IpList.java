package io.sealer.cli;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Host addresses as sealer's {@code -m}/{@code -n} take them: comma-separated (or repeated) addresses and ranges,
 * {@code 192.168.0.2-192.168.0.9} or with only the last octet after the dash, {@code 192.168.0.2-9}. IPv6 addresses
 * and full-form IPv6 ranges too; never a host name (nothing is looked up). Results are in canonical form (IPv6 as
 * RFC 5952 writes it), in the order given, each once.
 */
final class IpList {
    /** The most addresses one range may expand to. */
    static final int MAX_RANGE = 4096;

    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern OCTET = Pattern.compile("[0-9]{1,3}");

    private IpList() {
    }

    /**
     * The addresses of {@code arguments}, each a comma-separated list of addresses and ranges.
     *
     * @throws IllegalArgumentException naming the bad item, for a usage error
     */
    static List<String> expand(List<String> arguments) {
        Set<String> addresses = new LinkedHashSet<>();
        for (String argument : arguments) {
            for (String part : argument.split(",", -1)) {
                String item = part.trim();
                if (item.isEmpty()) {
                    throw new IllegalArgumentException("\"" + argument + "\" has an empty item");
                }
                for (String address : item(item)) {
                    if (!addresses.add(address)) {
                        throw new IllegalArgumentException(address + " is listed twice");
                    }
                }
            }
        }
        return List.copyOf(addresses);
    }

    private static List<String> item(String item) {
        int dash = item.indexOf('-');
        if (dash < 0) {
            return List.of(format(parse(item)));
        }
        String from = item.substring(0, dash).trim();
        String to = item.substring(dash + 1).trim();
        byte[] first;
        try {
            first = parse(from);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + item + "\" is not an IP address or range");
        }
        byte[] last;
        try {
            if (first.length == 4 && OCTET.matcher(to).matches()) {
                last = first.clone();
                last[3] = (byte) octet(to, to);
            } else {
                last = parse(to);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("range \"" + item + "\": " + e.getMessage());
        }
        if (first.length != last.length) {
            throw new IllegalArgumentException("range \"" + item + "\" mixes IPv4 and IPv6");
        }
        BigInteger start = new BigInteger(1, first);
        BigInteger end = new BigInteger(1, last);
        if (start.compareTo(end) > 0) {
            throw new IllegalArgumentException("range \"" + item + "\" ends before it starts");
        }
        if (end.subtract(start).compareTo(BigInteger.valueOf(MAX_RANGE)) >= 0) {
            throw new IllegalArgumentException("range \"" + item + "\" has more than " + MAX_RANGE + " addresses");
        }
        List<String> result = new ArrayList<>();
        for (BigInteger i = start; i.compareTo(end) <= 0; i = i.add(BigInteger.ONE)) {
            result.add(format(bytes(i, first.length)));
        }
        return result;
    }

    /** The address's bytes: 4 for IPv4, 16 for IPv6. */
    static byte[] parse(String text) {
        if (IPV4.matcher(text).matches()) {
            String[] parts = text.split("\\.");
            byte[] address = new byte[4];
            for (int i = 0; i < 4; i++) {
                address[i] = (byte) octet(parts[i], text);
            }
            return address;
        }
        if (text.indexOf(':') >= 0 && IPV6.matcher(text).matches()) {
            try {
                // a literal with a colon is parsed, never looked up
                InetAddress address = InetAddress.getByName(text);
                return address.getAddress();
            } catch (UnknownHostException e) {
                // falls through to the error below
            }
        }
        throw new IllegalArgumentException("\"" + text + "\" is not an IP address");
    }

    private static int octet(String text, String item) {
        if (!OCTET.matcher(text).matches() || (text.length() > 1 && text.charAt(0) == '0')
                || Integer.parseInt(text) > 255) {
            throw new IllegalArgumentException("\"" + item + "\" is not an IP address"
                    + (text.length() > 1 && text.charAt(0) == '0' ? " (no leading zeros)" : ""));
        }
        return Integer.parseInt(text);
    }

    private static byte[] bytes(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, bytes, length - copy, copy);
        return bytes;
    }

    /** Dotted decimal for IPv4; RFC 5952 for IPv6 (lower case, the longest run of zero groups as {@code ::}). */
    static String format(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "."
                    + (address[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
