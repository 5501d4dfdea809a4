package org.nprworkbench.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nprworkbench.input.BadInputException;

/** Every kind of damaged or wrong safetensors input ends in a {@link BadInputException} that names it. */
class SafetensorsBadInputTest {

    @TempDir
    Path dir;

    private static final String TRUNCATED = "the file is truncated or corrupt: re-download or re-save it";

    private static void assertBad(Path named, Runnable action, String... fragments) {
        BadInputException e = assertThrows(BadInputException.class, action::run);
        String message = e.getMessage();
        assertTrue(message.contains(named.getFileName().toString()), () -> "no file name in: " + message);
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), () -> "'" + fragment + "' missing from: " + message);
        }
    }

    private void assertBadHeader(String header, byte[] data, String... fragments) throws IOException {
        Path file = RawSafetensorsFile.write(dir.resolve("bad.safetensors"), header, data);
        assertBad(file, () -> SafetensorsReader.open(file), fragments);
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("absent.safetensors");
        assertBad(file, () -> SafetensorsReader.open(file), "no such file", "check the path");
    }

    @Test
    void folderGivenAsFile() {
        assertBad(dir, () -> SafetensorsReader.open(dir), "is a folder, not a safetensors file");
    }

    @Test
    void fileGivenAsModelFolder() throws IOException {
        Path file = Files.writeString(dir.resolve("config.json"), "{}");
        assertBad(file, () -> SafetensorsWeights.openFolder(file), "is a file, not a model folder");
    }

    @Test
    void missingOrEmptyModelFolder() throws IOException {
        Path absent = dir.resolve("no-such-model");
        assertBad(absent, () -> SafetensorsWeights.openFolder(absent), "no such model folder");
        Path empty = Files.createDirectory(dir.resolve("empty-model"));
        assertBad(empty, () -> SafetensorsWeights.openFolder(empty),
                "has neither model.safetensors nor model.safetensors.index.json");
    }

    @Test
    void fileShorterThanTheLengthField() throws IOException {
        Path file = Files.write(dir.resolve("short.safetensors"), new byte[] {1, 2, 3, 4, 5});
        assertBad(file, () -> SafetensorsReader.open(file), "only 5 bytes long", TRUNCATED);
    }

    @Test
    void headerLengthBeyondTheFile() throws IOException {
        Path file = RawSafetensorsFile.writeRaw(dir.resolve("long.safetensors"), 1000, "{}".getBytes());
        assertBad(file, () -> SafetensorsReader.open(file), "header of 1000 bytes, but only 2 bytes follow", TRUNCATED);
        Path huge = RawSafetensorsFile.writeRaw(dir.resolve("huge.safetensors"), -1, new byte[8]);
        assertBad(huge, () -> SafetensorsReader.open(huge), "18446744073709551615 bytes", "over the format's limit");
    }

    @Test
    void headerThatIsNotJson() throws IOException {
        assertBadHeader("{\"x\": {\"dtype\": \"F32\",", new byte[0], "not valid JSON (line 1, column 23: the text ends");
        assertBadHeader("{x:1}", new byte[0], "not valid JSON (line 1, column 3: unexpected character");
        assertBadHeader("[1, 2]", new byte[0], "not a JSON object");
        Path file = RawSafetensorsFile.writeRaw(dir.resolve("binary.safetensors"), 4,
                new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});
        assertBad(file, () -> SafetensorsReader.open(file), "not valid UTF-8");
    }

    @Test
    void entryMissingFields() throws IOException {
        assertBadHeader("{\"w\":{\"dtype\":\"F32\"}}", new byte[0],
                "tensor 'w'", "lacks the field(s) shape, data_offsets");
        assertBadHeader("{\"w\":[1]}", new byte[0], "tensor 'w'", "not a JSON object");
    }

    @Test
    void unsupportedDtype() throws IOException {
        assertBadHeader("{\"w\":{\"dtype\":\"F8_E4M3\",\"shape\":[2],\"data_offsets\":[0,2]}}", new byte[2],
                "tensor 'w'", "dtype 'F8_E4M3' is not supported", "convert the checkpoint");
    }

    @Test
    void byteSizeNotMatchingShape() throws IOException {
        assertBadHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,20]}}", new byte[24],
                "tensor 'w'", "needs 24 bytes", "span 20 bytes");
    }

    @Test
    void malformedShapesAndOffsets() throws IOException {
        assertBadHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", new byte[4],
                "tensor 'w'", "negative number -1");
        assertBadHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", new byte[4],
                "tensor 'w'", "not a whole number");
        assertBadHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", new byte[4],
                "tensor 'w'", "does not have 2 entries");
        assertBadHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}}", new byte[8],
                "tensor 'w'", "end before they begin");
        assertBadHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,4]}}",
                new byte[4], "tensor 'w'", "impossibly large");
        assertBadHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new byte[8], "names 'w' twice");
        assertBadHeader("{\"__metadata__\":{\"total\":3}}", new byte[0], "__metadata__", "'total' is not a string");
    }

    @Test
    void offsetsBeyondTheDataOfATruncatedFile() throws IOException {
        Path file = dir.resolve("model.safetensors");
        new SafetensorsWriter()
                .add("first", TensorDtype.F32, new long[] {4}, new float[4])
                .add("last", TensorDtype.F16, new long[] {4}, new float[4])
                .write(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 3);
        }
        assertBad(file, () -> SafetensorsReader.open(file), "tensor 'last'", "reach past the end of the data", TRUNCATED);
    }

    @Test
    void overlappingTensors() throws IOException {
        assertBadHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", new byte[12],
                "tensors 'a' [0, 8] and 'b' [4, 12] overlap", TRUNCATED);
    }

    @Test
    void missingTensorAndNonFloatTensor() throws IOException {
        Path file = RawSafetensorsFile.write(dir.resolve("ints.safetensors"),
                "{\"ids\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8]);
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            assertBad(file, () -> reader.tensor("lm_head.weight"), "no tensor named 'lm_head.weight'");
            assertBad(file, () -> reader.readFloats("ids"), "tensor 'ids'", "dtype I64", "not a floating-point type");
        }
    }

    @Test
    void indexNamingAMissingShard() throws IOException {
        Path index = Files.writeString(dir.resolve(SafetensorsWeights.INDEX_FILE),
                "{\"metadata\":{},\"weight_map\":{\"w\":\"model-00001-of-00002.safetensors\"}}");
        assertBad(index, () -> SafetensorsWeights.openFolder(dir),
                "names the shard 'model-00001-of-00002.safetensors'", "'w'", "re-download the missing shard");
    }

    @Test
    void indexNamingATensorThatIsNotInItsShard() throws IOException {
        new SafetensorsWriter().add("w", TensorDtype.F32, new long[] {1}, new float[1])
                .write(dir.resolve("shard.safetensors"));
        Path index = Files.writeString(dir.resolve(SafetensorsWeights.INDEX_FILE),
                "{\"weight_map\":{\"w\":\"shard.safetensors\",\"v\":\"shard.safetensors\"}}");
        assertBad(index, () -> ShardedSafetensors.open(index),
                "lists tensor 'v' in shard 'shard.safetensors'", "has no such tensor");
    }

    @Test
    void indexThatIsNotAnIndex() throws IOException {
        Path index = dir.resolve(SafetensorsWeights.INDEX_FILE);
        Files.writeString(index, "{\"weight_map\": ");
        assertBad(index, () -> ShardedSafetensors.open(index), "line 1, column 16: not valid JSON: the text ends", "re-download the index");
        Files.writeString(index, "{\"metadata\": {}}");
        assertBad(index, () -> ShardedSafetensors.open(index), "no \"weight_map\" object");
        Files.writeString(index, "{\"weight_map\": {\"w\": \"../elsewhere.safetensors\"}}");
        assertBad(index, () -> ShardedSafetensors.open(index), "not a file next to the index");
        Files.writeString(index, "{\"weight_map\": {\"w\": 3}}");
        assertBad(index, () -> ShardedSafetensors.open(index), "tensor 'w'", "not a shard file name");
    }

    @Test
    void brokenShardIsNamedByItsOwnFile() throws IOException {
        Files.write(dir.resolve("model-00001-of-00001.safetensors"), new byte[3]);
        Files.writeString(dir.resolve(SafetensorsWeights.INDEX_FILE),
                "{\"weight_map\":{\"w\":\"model-00001-of-00001.safetensors\"}}");
        assertBad(dir.resolve("model-00001-of-00001.safetensors"), () -> SafetensorsWeights.openFolder(dir),
                "only 3 bytes long");
    }
}
