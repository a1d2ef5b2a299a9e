package org.scalecast.harness.cli;

import org.scalecast.harness.train.Precision;
import picocli.CommandLine.ITypeConverter;

/** Parses {@code --precision fp32|tf32} through the enum's own spelling and error message. */
final class PrecisionConverter implements ITypeConverter<Precision> {
  @Override
  public Precision convert(String value) {
    return Precision.parse(value);
  }
}
