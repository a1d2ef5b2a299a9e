/**
 * Live training curves as TensorBoard event files, written by scalecast itself: TFRecord framing
 * with masked CRC32C, and the Event and Summary protobuf messages encoded by hand (the few fields
 * TensorBoard reads for scalars), so no protobuf or TensorFlow dependency is needed.
 */
package org.scalecast.harness.curves;
