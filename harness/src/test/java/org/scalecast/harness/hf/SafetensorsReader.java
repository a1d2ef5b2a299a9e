package org.scalecast.harness.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A reader written from the safetensors format description, independent of the writer: it checks
 * what a strict reader checks (header length within the file, F32 only, shape and byte range
 * agreeing, ranges back to back in header order, as our writer puts them, covering the whole data
 * section).
 */
final class SafetensorsReader {
  private SafetensorsReader() {}

  /** The tensors by name, and the metadata under the key {@code __metadata__}. */
  record Contents(Map<String, Safetensors.Tensor> tensors, Map<String, String> metadata) {}

  static Contents read(Path file) throws IOException {
    ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    long n = all.getLong(0);
    if (n <= 0 || 8 + n > all.capacity() || n % 8 != 0) {
      throw new IOException("header length " + n + " in a file of " + all.capacity());
    }
    JsonNode header = new ObjectMapper().readTree(new String(all.array(), 8, (int) n, "UTF-8"));
    int dataStart = (int) (8 + n);
    Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    long expectedStart = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("__metadata__")) {
        e.getValue()
            .fields()
            .forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
        continue;
      }
      Safetensors.Tensor t = tensor(e.getKey(), e.getValue(), all, dataStart, expectedStart);
      expectedStart += 4L * t.data().length;
      tensors.put(t.name(), t);
    }
    if (dataStart + expectedStart != all.capacity()) {
      throw new IOException("data section has bytes no tensor covers");
    }
    return new Contents(tensors, metadata);
  }

  private static Safetensors.Tensor tensor(
      String name, JsonNode e, ByteBuffer all, int dataStart, long expectedStart)
      throws IOException {
    if (!e.get("dtype").asText().equals("F32")) {
      throw new IOException(name + ": dtype " + e.get("dtype"));
    }
    long[] shape = new long[e.get("shape").size()];
    long count = 1;
    for (int i = 0; i < shape.length; i++) {
      shape[i] = e.get("shape").get(i).asLong();
      count *= shape[i];
    }
    long begin = e.get("data_offsets").get(0).asLong();
    long end = e.get("data_offsets").get(1).asLong();
    if (begin != expectedStart || end - begin != 4 * count) {
      throw new IOException(name + ": offsets [" + begin + ", " + end + ") for " + count);
    }
    float[] data = new float[(int) count];
    all.slice(dataStart + (int) begin, (int) (end - begin))
        .order(ByteOrder.LITTLE_ENDIAN)
        .asFloatBuffer()
        .get(data);
    return new Safetensors.Tensor(name, shape, data);
  }
}
