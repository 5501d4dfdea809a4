package org.nprworkbench.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads user files as UTF-8 with a decoder that reports, rather than replaces, invalid byte
 * sequences, so that a file in the wrong encoding is refused with its line number instead of being
 * read as garbage. A leading byte order mark is dropped.
 */
public final class StrictUtf8 {
    private StrictUtf8() {
    }

    /** The bytes of {@code file}; a missing or unreadable file is bad input. */
    public static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw BadInputException.inFile(file, "no such file");
        } catch (IOException e) {
            throw BadInputException.inFile(file, "cannot read: " + e.getMessage());
        }
    }

    /** The whole file as text; invalid UTF-8 is bad input naming the first offending line. */
    public static String readString(Path file) {
        return decodeFile(file, readBytes(file));
    }

    /** {@code bytes}, the contents of {@code file}, as text; invalid UTF-8 is bad input naming the line. */
    public static String decodeFile(Path file, byte[] bytes) {
        return decode(bytes, 0, bytes.length).orElseThrow(() -> BadInputException.atLine(file,
                firstBadLine(bytes), "not valid UTF-8 text; save the file as UTF-8"));
    }

    /** Decodes {@code bytes[from, to)}; empty when they are not valid UTF-8. Drops a leading BOM. */
    public static Optional<String> decode(byte[] bytes, int from, int to) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            String s = decoder.decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
            return Optional.of(s.startsWith("\uFEFF") ? s.substring(1) : s);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** The 1-based number of the first line of {@code bytes} that is not valid UTF-8 (1 if none). */
    static long firstBadLine(byte[] bytes) {
        long line = 1;
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                if (decode(bytes, start, i).isEmpty()) {
                    return line;
                }
                line++;
                start = i + 1;
            }
        }
        return 1;
    }
}
