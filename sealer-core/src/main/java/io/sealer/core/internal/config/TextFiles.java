package io.sealer.core.internal.config;

import io.sealer.api.SealerException;
import io.sealer.core.internal.io.IoFailures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/** Reads files that must be UTF-8 text. */
final class TextFiles {
    private TextFiles() {
    }

    /**
     * The file's text.
     *
     * @param notText the error when the file is not valid UTF-8
     * @throws SealerException naming the file when it cannot be read
     */
    static String readUtf8(Path file, Supplier<RuntimeException> notText) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SealerException(file.toString(), 0, "reading failed: " + IoFailures.describe(e), e);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw notText.get();
        }
    }
}
