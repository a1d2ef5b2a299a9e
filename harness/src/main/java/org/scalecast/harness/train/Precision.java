package org.scalecast.harness.train;

import ai.djl.Device;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Locale;
import java.util.Map;
import org.scalecast.results.InputException;

/**
 * Matmul precision of a training or bench process ({@code --precision}). Weights, activations and
 * optimizer state stay FP32 either way (BF16 aborts DJL's JNI, DJL_NOTES.md 1.1); TF32 only lets
 * cuBLAS round matmul inputs to TF32 on tensor cores. DJL has no TF32 switch, so this goes through
 * libtorch's {@value #ENV} variable, which libtorch reads once, at its first cuBLAS matmul (the
 * string is in libtorch_cpu.so of 2.7.1 and 2.13; its effect under DJL is not yet measured on a
 * GPU). On the CPU, TF32 is accepted and recorded but changes nothing: CPU matmuls stay FP32.
 */
public enum Precision {
  /** IEEE FP32 matmuls (cuBLAS's default in PyTorch). */
  FP32,
  /** TF32 tensor-core matmuls on GPUs that have them; FP32 storage. */
  TF32;

  /** libtorch's override: "1" allows TF32 in cuBLAS matmuls, "0" forbids it. */
  public static final String ENV = "TORCH_ALLOW_TF32_CUBLAS_OVERRIDE";

  /**
   * @return the option's and run.json's spelling
   */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param value fp32 or tf32, any case
   * @return the precision
   */
  public static Precision parse(String value) {
    for (Precision p : values()) {
      if (p.key().equalsIgnoreCase(value.trim())) {
        return p;
      }
    }
    throw new InputException("--precision '" + value + "': expected fp32 or tf32");
  }

  /**
   * The variable's value for this precision. FP32 writes "0" rather than leaving it unset: NVIDIA's
   * containers export "1", which would make an fp32 run silently TF32.
   *
   * @return "1" or "0"
   */
  public String envValue() {
    return this == TF32 ? "1" : "0";
  }

  /**
   * @param env a child process's environment, which gets this precision's variable
   */
  public void export(Map<String, String> env) {
    env.put(ENV, envValue());
  }

  /**
   * Sets the variable in this process, for libtorch to read at its first cuBLAS matmul. Must run
   * before any GPU matmul (commands call it first); glibc's setenv is not safe against a concurrent
   * getenv, which is why it runs before the engine has threads of its own.
   */
  public void applyToThisProcess() {
    LibC.INSTANCE.setenv(ENV, envValue(), 1);
  }

  /**
   * @param device where the matmuls run
   * @return a line to print when the choice has no effect there, else null
   */
  public String note(Device device) {
    if (this == TF32 && !device.isGpu()) {
      return "precision tf32: recorded, but it has no effect on the CPU (CPU matmuls stay fp32)";
    }
    return null;
  }

  /**
   * @param name a variable
   * @return its value as native code sees it now (System.getenv is a copy taken at JVM start)
   */
  static String nativeValue(String name) {
    return LibC.INSTANCE.getenv(name);
  }

  /** The C library's setenv, through JNA (already on the classpath through DJL). */
  private interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    int setenv(String name, String value, int overwrite);

    String getenv(String name);
  }
}
