package io.sealer.core.internal.layer;

import java.nio.charset.StandardCharsets;

/**
 * The header records of an entry whose ASCII name or link target is too long for the ustar header, byte for byte as
 * commons-compress's {@code TarArchiveOutputStream} writes them in its POSIX long-name mode: a PAX extended header
 * ({@code ./PaxHeaders.X/} and the name with {@code /}, {@code \} and NUL made {@code _}, cut to 99 bytes; type
 * {@code x}, mode 0644, mtime 0) whose data holds a {@code path} and then a {@code linkpath} record for each value of
 * 100 bytes or more, padded to whole records, and then the entry's own ustar header with both cut to their fields.
 * Registry layouts are made of such names ({@code .../_layers/sha256/<64 hex digits>/link}), so this is the common case
 * of a registry-cache layer; non-ASCII names, and sizes beyond the octal field, still go through commons-compress.
 */
final class PaxHeader {
    private static final String PREFIX = "./PaxHeaders.X/";
    private static final int HEADER_NAME_MAX = 99;
    private static final byte TYPE = 'x';
    private static final int MODE = 0100644;

    private PaxHeader() {
    }

    /** True when this class writes the headers of such an entry: ASCII, a long name or link, a size that fits. */
    static boolean applies(String name, String link, long size) {
        return (UstarHeader.isLong(name) || UstarHeader.isLong(link)) && UstarHeader.isAscii(name)
                && UstarHeader.isAscii(link) && UstarHeader.fitsSize(size);
    }

    /** The PAX header, its data and the entry's header: whole 512-byte records. Only valid when {@link #applies}. */
    static byte[] records(String name, byte type, int mode, long size, String link) {
        StringBuilder data = new StringBuilder();
        if (UstarHeader.isLong(name)) {
            appendRecord(data, "path", name);
        }
        if (UstarHeader.isLong(link)) {
            appendRecord(data, "linkpath", link);
        }
        int dataLength = data.length(); // ASCII: one byte per character
        int dataRecords = (dataLength + TarSink.RECORD - 1) / TarSink.RECORD;
        byte[] records = new byte[(2 + dataRecords) * TarSink.RECORD];
        byte[] record = new byte[TarSink.RECORD];
        UstarHeader.write(record, headerName(name), TYPE, MODE, dataLength, "");
        System.arraycopy(record, 0, records, 0, record.length);
        byte[] bytes = data.toString().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, records, TarSink.RECORD, bytes.length);
        UstarHeader.write(record, name, type, mode, size, link);
        System.arraycopy(record, 0, records, records.length - record.length, record.length);
        return records;
    }

    /** {@code LENGTH KEY=VALUE\n}, the length counting itself. */
    private static void appendRecord(StringBuilder data, String key, String value) {
        int rest = key.length() + value.length() + 3; // the space, '=' and '\n'
        int length = rest + 2;
        while (length != rest + digits(length)) {
            length = rest + digits(length);
        }
        data.append(length).append(' ').append(key).append('=').append(value).append('\n');
    }

    private static int digits(int n) {
        return Integer.toString(n).length();
    }

    private static String headerName(String name) {
        StringBuilder header = new StringBuilder(PREFIX.length() + name.length()).append(PREFIX);
        for (int i = 0; i < name.length() && header.length() < HEADER_NAME_MAX; i++) {
            char c = name.charAt(i);
            header.append(c == '/' || c == '\\' || c == 0 ? '_' : c);
        }
        return header.toString();
    }
}
