/**
 * One archive for GPU nodes with no Java and no network (issue 12, item 2): a jlink runtime, the
 * jars without the 100 MB CPU native jar, a launcher and the JNI build step, under 40 MiB as tar.xz
 * (GPU_NOTES.md measured the parts).
 */
package org.scalecast.harness.bundle;
