package org.scalecast.harness.curves;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an event file back from the format descriptions alone: TFRecord framing with both CRCs
 * checked by a bitwise CRC32C of its own (not the JDK's class the writer uses), and a generic
 * protobuf field walk that rejects any field or wire type the Event schema does not have.
 */
final class EventFileReader {
  /** One event: what a scalar event or the version event holds. */
  record Event(double wallTime, long step, String fileVersion, Map<String, Float> values) {}

  private EventFileReader() {}

  static List<Event> read(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    List<Event> out = new ArrayList<>();
    while (b.hasRemaining()) {
      byte[] len = new byte[8];
      b.get(len);
      check(b.getInt(), len, "length");
      byte[] data = new byte[(int) ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong()];
      b.get(data);
      check(b.getInt(), data, "data");
      out.add(event(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN)));
    }
    return out;
  }

  private static void check(int stored, byte[] data, String what) throws IOException {
    int crc = bitwiseCrc32c(data);
    int masked = ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    if (stored != masked) {
      throw new IOException(what + " CRC " + Integer.toHexString(stored) + " != " + masked);
    }
  }

  /** CRC-32C bit by bit: reflected polynomial 0x82F63B78, initial and final XOR all ones. */
  static int bitwiseCrc32c(byte[] data) {
    int crc = 0xFFFFFFFF;
    for (byte x : data) {
      crc ^= x & 0xFF;
      for (int k = 0; k < 8; k++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x82F63B78 : crc >>> 1;
      }
    }
    return ~crc;
  }

  private static Event event(ByteBuffer b) throws IOException {
    double wall = Double.NaN;
    long step = 0;
    String version = null;
    Map<String, Float> values = new LinkedHashMap<>();
    while (b.hasRemaining()) {
      long key = varint(b);
      if (key == (1 << 3 | 1)) {
        wall = b.getDouble();
      } else if (key == (2 << 3)) {
        step = varint(b);
      } else if (key == (3 << 3 | 2)) {
        version = new String(bytes(b), StandardCharsets.UTF_8);
      } else if (key == (5 << 3 | 2)) {
        summary(ByteBuffer.wrap(bytes(b)).order(ByteOrder.LITTLE_ENDIAN), values);
      } else {
        throw new IOException("Event has no field with key " + key);
      }
    }
    return new Event(wall, step, version, values);
  }

  private static void summary(ByteBuffer b, Map<String, Float> values) throws IOException {
    while (b.hasRemaining()) {
      if (varint(b) != (1 << 3 | 2)) {
        throw new IOException("Summary holds only values");
      }
      ByteBuffer v = ByteBuffer.wrap(bytes(b)).order(ByteOrder.LITTLE_ENDIAN);
      String tag = null;
      Float value = null;
      while (v.hasRemaining()) {
        long key = varint(v);
        if (key == (1 << 3 | 2)) {
          tag = new String(bytes(v), StandardCharsets.UTF_8);
        } else if (key == (2 << 3 | 5)) {
          value = v.getFloat();
        } else {
          throw new IOException("Value has no field with key " + key);
        }
      }
      values.put(tag, value);
    }
  }

  private static long varint(ByteBuffer b) {
    long v = 0;
    for (int shift = 0; ; shift += 7) {
      int x = b.get() & 0xFF;
      v |= (long) (x & 0x7F) << shift;
      if (x < 0x80) {
        return v;
      }
    }
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[(int) varint(b)];
    b.get(out);
    return out;
  }
}
