package org.scalecast.harness.curves;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * TFRecord framing: uint64 length, masked CRC32C of those 8 bytes, the data, masked CRC32C of the
 * data; all little-endian. The mask exists because a CRC of data that itself holds CRCs is weak
 * (TensorFlow's {@code crc32c::Mask}).
 */
public final class TfRecord {
  private static final int MASK_DELTA = 0xa282ead8;

  private TfRecord() {}

  /**
   * @param data one record's payload
   * @return the framed record
   */
  public static byte[] frame(byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(8 + 4 + data.length + 4).order(ByteOrder.LITTLE_ENDIAN);
    byte[] length =
        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length).array();
    b.put(length).putInt(masked(length)).put(data).putInt(masked(data));
    return b.array();
  }

  /**
   * @param data bytes
   * @return CRC32C (Castagnoli) of them, as the JDK computes it
   */
  public static int crc32c(byte[] data) {
    CRC32C c = new CRC32C();
    c.update(data);
    return (int) c.getValue();
  }

  /**
   * @param data bytes
   * @return their CRC32C rotated right by 15 bits plus a constant
   */
  public static int masked(byte[] data) {
    int crc = crc32c(data);
    return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
  }
}
