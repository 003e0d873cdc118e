package io.sealer.core.internal.layer;

import java.util.Arrays;

/**
 * Writes the one-record ustar header of an entry whose name and link target are ASCII and whose size fits the
 * octal field, byte for byte as commons-compress's {@code TarArchiveEntry.writeEntryHeader} does with uid/gid 0,
 * mtime 0 and empty owner names: octal numbers with leading zeros and a trailing space, the checksum as six digits,
 * NUL and space, magic {@code "ustar\0"} version {@code "00"}. A name or link target of 100 bytes or more is cut to
 * the field, as commons-compress does after it has written the whole one into a PAX record ({@link PaxHeader}).
 */
final class UstarHeader {
    /** Names and link targets must be shorter than this many bytes to fit their field. */
    private static final int NAME_FIELD = 100;
    /** The largest size the 11-digit octal field holds. */
    private static final long MAX_SIZE = 077777777777L;

    private static final int MODE = 100;
    private static final int UID = 108;
    private static final int GID = 116;
    private static final int SIZE = 124;
    private static final int MTIME = 136;
    private static final int CHECKSUM = 148;
    private static final int TYPE = 156;
    private static final int LINK = 157;
    private static final int MAGIC = 257;
    private static final int DEV_MAJOR = 329;
    private static final int DEV_MINOR = 337;
    private static final byte[] MAGIC_AND_VERSION = {'u', 's', 't', 'a', 'r', 0, '0', '0'};

    private UstarHeader() {
    }

    /** True when an entry with this name, link target (empty for none) and size needs no PAX record. */
    static boolean fits(String name, String link, long size) {
        return isShortAscii(name) && isShortAscii(link) && fitsSize(size);
    }

    /** True when {@code size} fits the header's octal field. */
    static boolean fitsSize(long size) {
        return size >= 0 && size <= MAX_SIZE;
    }

    /** True when {@code s} is too long for a name field (it needs a PAX record). */
    static boolean isLong(String s) {
        return s.length() >= NAME_FIELD;
    }

    /** True when every character of {@code s} is ASCII (one byte each in UTF-8). */
    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * Fills {@code record} (512 bytes) with the header; only valid when the name and link are ASCII and the size
     * {@linkplain #fitsSize fits}. Names and links are cut to their 100-byte fields.
     *
     * @param mode the full mode, file type bits included (e.g. {@code 0100644})
     */
    static void write(byte[] record, String name, byte type, int mode, long size, String link) {
        Arrays.fill(record, (byte) 0);
        ascii(record, 0, name);
        octal(record, MODE, 8, mode);
        octal(record, UID, 8, 0);
        octal(record, GID, 8, 0);
        octal(record, SIZE, 12, size);
        octal(record, MTIME, 12, 0);
        record[TYPE] = type;
        ascii(record, LINK, link);
        System.arraycopy(MAGIC_AND_VERSION, 0, record, MAGIC, MAGIC_AND_VERSION.length);
        octal(record, DEV_MAJOR, 8, 0);
        octal(record, DEV_MINOR, 8, 0);
        long sum = 8 * ' ';
        for (int i = 0; i < record.length; i++) {
            if (i < CHECKSUM || i >= CHECKSUM + 8) {
                sum += record[i] & 0xff;
            }
        }
        digits(record, CHECKSUM, 6, sum);
        record[CHECKSUM + 6] = 0;
        record[CHECKSUM + 7] = ' ';
    }

    private static boolean isShortAscii(String s) {
        return !isLong(s) && isAscii(s);
    }

    /** The first 100 characters of {@code s} at most: the whole field. */
    private static void ascii(byte[] record, int offset, String s) {
        int length = Math.min(s.length(), NAME_FIELD);
        for (int i = 0; i < length; i++) {
            record[offset + i] = (byte) s.charAt(i);
        }
    }

    /** {@code length - 1} octal digits, then a space. */
    private static void octal(byte[] record, int offset, int length, long value) {
        digits(record, offset, length - 1, value);
        record[offset + length - 1] = ' ';
    }

    private static void digits(byte[] record, int offset, int count, long value) {
        long v = value;
        for (int i = offset + count - 1; i >= offset; i--) {
            record[i] = (byte) ('0' + (v & 7));
            v >>>= 3;
        }
    }
}
