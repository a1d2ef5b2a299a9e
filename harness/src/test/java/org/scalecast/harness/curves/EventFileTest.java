package org.scalecast.harness.curves;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.harness.train.RunFolder;
import org.scalecast.results.CheckpointRecord;

/** The event file read back byte for byte, CRCs and fields checked by an independent reader. */
class EventFileTest {
  @Test
  void crc32cKnownAnswer() {
    byte[] digits = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertEquals(0xE3069283, TfRecord.crc32c(digits));
    assertEquals(0xE3069283, EventFileReader.bitwiseCrc32c(digits));
  }

  @Test
  void aScalarEventHasTheseExactBytes() {
    byte[] want = {
      0x09,
      0,
      0,
      0,
      0,
      0,
      0,
      (byte) 0xF8,
      0x3F, // wall_time 1.5, double
      0x10,
      (byte) 0xAC,
      0x02, // step 300, varint
      0x2A,
      0x0A, // summary, 10 bytes
      0x0A,
      0x08, // value, 8 bytes
      0x0A,
      0x01,
      'a', // tag "a"
      0x15,
      0,
      0,
      0,
      0x3F // simple_value 0.5, float
    };
    assertArrayEquals(want, EventProto.scalars(1.5, 300, Map.of("a", 0.5)));
  }

  @Test
  void framingIsLengthCrcDataCrc() {
    byte[] framed = TfRecord.frame(new byte[] {1, 2, 3});
    assertEquals(8 + 4 + 3 + 4, framed.length);
    assertEquals(3, framed[0]);
    assertArrayEquals(new byte[] {1, 2, 3}, java.util.Arrays.copyOfRange(framed, 12, 15));
  }

  @Test
  void appendsReadBackWithTheVersionFirst(@TempDir Path dir) throws Exception {
    EventFile f = new EventFile(dir);
    assertTrue(f.file().getFileName().toString().startsWith("events.out.tfevents."));
    Map<String, Double> s = new LinkedHashMap<>();
    s.put("loss/train", 4.25);
    s.put("train/lr", 3e-4);
    f.append(10, s);
    f.append(20, Map.of("loss/train", 3.5));
    List<EventFileReader.Event> events = EventFileReader.read(f.file());
    assertEquals(3, events.size());
    assertEquals(EventFile.VERSION, events.get(0).fileVersion());
    assertTrue(events.get(0).values().isEmpty());
    assertEquals(10, events.get(1).step());
    assertNull(events.get(1).fileVersion());
    assertEquals(Map.of("loss/train", 4.25f, "train/lr", 3e-4f), events.get(1).values());
    assertEquals(20, events.get(2).step());
    assertTrue(Math.abs(events.get(2).wallTime() - System.currentTimeMillis() / 1000.0) < 60);
  }

  static CheckpointRecord record(long step, double loss) {
    return new CheckpointRecord(
        CheckpointRecord.SCHEMA_VERSION,
        "r",
        step,
        step * 64,
        step / 100.0,
        1e9,
        1.1e9,
        1e-3,
        loss,
        Map.of("text", loss + 0.1, "mix", loss + 0.2),
        Map.of("text", 1.5),
        Map.of("text", step * 64),
        Map.of("text_cloze_v1_em", 0.25, "eval_seconds", 2.0),
        12.0,
        5000.0,
        false);
  }

  @Test
  void everyRecordAppendedToARunFolderIsACurvePoint(@TempDir Path dir) throws Exception {
    RunFolder folder = new RunFolder(dir);
    folder.appendRecord(record(8, 4.0));
    folder.appendRecord(record(16, Double.NaN));
    List<Path> files;
    try (var l = Files.list(dir)) {
      files = l.filter(p -> p.getFileName().toString().contains("tfevents")).toList();
    }
    assertEquals(1, files.size());
    List<EventFileReader.Event> events = EventFileReader.read(files.get(0));
    Map<String, Float> first = events.get(1).values();
    assertEquals(4.0f, first.get("loss/train"));
    assertEquals(4.2f, first.get("loss/val_mix"));
    assertEquals(1.5f, first.get("bpb/val_text"));
    assertEquals(0.25f, first.get("task/text_cloze_v1_em"));
    assertEquals(2.0f, first.get("train/eval_seconds"));
    assertEquals(1e-3f, first.get("train/lr"));
    assertEquals(5000f, first.get("train/tokens_per_second"));
    assertEquals(16, events.get(2).step());
    assertNull(events.get(2).values().get("loss/train")); // NaN left out
  }
}
