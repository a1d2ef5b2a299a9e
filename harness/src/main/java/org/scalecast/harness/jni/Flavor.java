package org.scalecast.harness.jni;

/** Which PyTorch libraries the JNI is built for and DJL loads. */
public enum Flavor {
  /** CPU only. */
  CPU,
  /**
   * CUDA: built with {@code -DUSE_CUDA}, without which {@code JniUtils.emptyCudaCache} silently
   * does nothing (GPU_NOTES.md), and linked with torch_cuda and c10_cuda.
   */
  CUDA;

  /**
   * @param torch the installation
   * @return DJL's {@code PYTORCH_FLAVOR}: {@code cpu}, or the CUDA tag ({@code cu130}); DJL loads
   *     the CUDA libraries when the flavour contains "cu" (GPU_NOTES.md)
   */
  public String djlName(TorchInstall torch) {
    if (this == CPU) {
      return "cpu";
    }
    return torch.cudaTag() != null ? torch.cudaTag() : "cu";
  }
}
