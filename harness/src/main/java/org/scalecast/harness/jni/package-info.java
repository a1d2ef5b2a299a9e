/**
 * DJL's JNI library built against the node's own PyTorch (issue 12, item 1): DJL 0.35.1 pins
 * PyTorch 2.7.1, and GPU nodes hold another torch and no network (GPU_NOTES.md). {@link
 * org.scalecast.harness.jni.JniBuild} compiles DJL's native sources with g++, {@link
 * org.scalecast.harness.jni.NativeChoice} records the result so every later command loads it.
 */
package org.scalecast.harness.jni;
