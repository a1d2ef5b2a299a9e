package org.scalecast.harness.curves;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * TensorFlow's {@code Event} message, the fields a scalar needs, in protobuf's wire format: a key
 * byte ({@code field << 3 | wire type}) before each value; varints for integers, 8 and 4
 * little-endian bytes for double and float, a varint length before strings and messages.
 *
 * <pre>
 * Event   { double wall_time = 1; int64 step = 2; string file_version = 3; Summary summary = 5; }
 * Summary { repeated Value value = 1; }
 * Value   { string tag = 1; float simple_value = 2; }
 * </pre>
 */
public final class EventProto {
  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LENGTH = 2;
  private static final int FIXED32 = 5;

  private EventProto() {}

  /**
   * @param wallTime seconds since the epoch
   * @param version e.g. {@code brain.Event:2}, which every event file starts with
   * @return the encoded event
   */
  public static byte[] fileVersion(double wallTime, String version) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    fixed64(out, 1, wallTime);
    bytes(out, 3, version.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /**
   * @param wallTime seconds since the epoch
   * @param step the x value
   * @param scalars tag to value, in the order written
   * @return the encoded event, one summary with a value per tag
   */
  public static byte[] scalars(double wallTime, long step, Map<String, Double> scalars) {
    ByteArrayOutputStream summary = new ByteArrayOutputStream();
    for (Map.Entry<String, Double> e : scalars.entrySet()) {
      ByteArrayOutputStream value = new ByteArrayOutputStream();
      bytes(value, 1, e.getKey().getBytes(StandardCharsets.UTF_8));
      key(value, 2, FIXED32);
      value.writeBytes(
          ByteBuffer.allocate(4)
              .order(ByteOrder.LITTLE_ENDIAN)
              .putFloat(e.getValue().floatValue())
              .array());
      bytes(summary, 1, value.toByteArray());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    fixed64(out, 1, wallTime);
    key(out, 2, VARINT);
    varint(out, step);
    bytes(out, 5, summary.toByteArray());
    return out.toByteArray();
  }

  private static void key(ByteArrayOutputStream out, int field, int wireType) {
    varint(out, (long) field << 3 | wireType);
  }

  /** Seven bits a byte, low first, the top bit set on all but the last. */
  static void varint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static void fixed64(ByteArrayOutputStream out, int field, double v) {
    key(out, field, FIXED64);
    out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(v).array());
  }

  private static void bytes(ByteArrayOutputStream out, int field, byte[] b) {
    key(out, field, LENGTH);
    varint(out, b.length);
    out.writeBytes(b);
  }
}
