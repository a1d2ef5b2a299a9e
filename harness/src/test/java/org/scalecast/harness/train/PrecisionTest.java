package org.scalecast.harness.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scalecast.results.InputException;

/** {@code --precision}: spelling, the variable libtorch reads, and the CPU note. */
class PrecisionTest {
  @Test
  void parsesBothSpellingsAndNamesTheChoicesOtherwise() {
    assertEquals(Precision.TF32, Precision.parse("TF32"));
    assertEquals(Precision.FP32, Precision.parse(" fp32 "));
    InputException e = assertThrows(InputException.class, () -> Precision.parse("bf16"));
    assertEquals("--precision 'bf16': expected fp32 or tf32", e.getMessage());
  }

  @Test
  void childrenGetTheVariableAndFp32ForbidsTf32Explicitly() {
    Map<String, String> env = new HashMap<>(Map.of(Precision.ENV, "1")); // as NVIDIA's images set
    Precision.FP32.export(env);
    assertEquals("0", env.get(Precision.ENV));
    Precision.TF32.export(env);
    assertEquals("1", env.get(Precision.ENV));
  }

  @Test
  void thisProcessSeesTheVariableNatively() {
    try {
      Precision.TF32.applyToThisProcess();
      assertEquals("1", Precision.nativeValue(Precision.ENV));
    } finally {
      Precision.FP32.applyToThisProcess();
    }
    assertEquals("0", Precision.nativeValue(Precision.ENV));
  }

  @Test
  void tf32OnTheCpuIsRecordedWithANote() {
    assertTrue(Precision.TF32.note(Device.cpu()).contains("no effect on the CPU"));
    assertNull(Precision.TF32.note(Device.gpu(0)));
    assertNull(Precision.FP32.note(Device.cpu()));
  }
}
