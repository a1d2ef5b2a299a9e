package org.scalecast.harness.hf;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the safetensors format: an 8-byte little-endian header length, a JSON header giving each
 * tensor's dtype, shape and byte range, then the raw little-endian tensors back to back. Only F32
 * is written, the precision we train in (DJL_NOTES.md 1.1).
 */
public final class Safetensors {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One tensor, row-major.
   *
   * @param name its name in the file
   * @param shape its shape
   * @param data its values, shape's product of them
   */
  public record Tensor(String name, long[] shape, float[] data) {
    /** Checks the data fills the shape. */
    public Tensor {
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      if (n != data.length) {
        throw new IllegalArgumentException(name + ": " + data.length + " values for " + n);
      }
    }
  }

  private Safetensors() {}

  /**
   * @param tensors the tensors, written in this order
   * @param metadata string pairs for {@code __metadata__}; transformers requires {@code format: pt}
   * @param out where to write
   */
  public static void write(List<Tensor> tensors, Map<String, String> metadata, OutputStream out)
      throws IOException {
    byte[] header = header(tensors, metadata);
    out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
    out.write(header);
    for (Tensor t : tensors) {
      ByteBuffer b = ByteBuffer.allocate(4 * t.data().length).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(t.data());
      out.write(b.array());
    }
  }

  /**
   * The JSON header, padded with spaces to a multiple of 8 bytes so the tensors start aligned (as
   * the reference writer does; readers that map the file need it).
   */
  static byte[] header(List<Tensor> tensors, Map<String, String> metadata) throws IOException {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("__metadata__", metadata);
    long offset = 0;
    for (Tensor t : tensors) {
      long end = offset + 4L * t.data().length;
      Map<String, Object> entry =
          new LinkedHashMap<>(); // fixed key order: identical bytes each time
      entry.put("dtype", "F32");
      entry.put("shape", t.shape());
      entry.put("data_offsets", new long[] {offset, end});
      h.put(t.name(), entry);
      offset = end;
    }
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    json.write(JSON.writeValueAsBytes(h));
    while (json.size() % 8 != 0) {
      json.write(' ');
    }
    return json.toByteArray();
  }
}
