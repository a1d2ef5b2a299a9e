package org.scalecast.harness.sweep;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Integer keys of config files take whole numbers only: {@code batch_size: 8.5} is an error where
 * Jackson would truncate it to 8, while {@code tokens: 2.0e6} still reads as 2,000,000.
 */
final class WholeNumbers<T> extends StdDeserializer<T> {
  private final JsonDeserializer<?> plain;
  private final boolean isLong;

  private WholeNumbers(Class<T> type, boolean isLong) {
    super(type);
    this.plain = NumberDeserializers.find(type, type.getName());
    this.isLong = isLong;
  }

  /**
   * @return a module reading int, long, Integer and Long this way
   */
  static SimpleModule module() {
    SimpleModule m = new SimpleModule("whole-numbers");
    m.addDeserializer(Integer.class, new WholeNumbers<>(Integer.class, false));
    m.addDeserializer(int.class, new WholeNumbers<>(int.class, false));
    m.addDeserializer(Long.class, new WholeNumbers<>(Long.class, true));
    m.addDeserializer(long.class, new WholeNumbers<>(long.class, true));
    return m;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_FLOAT) {
      return (T) plain.deserialize(p, ctxt);
    }
    double v = p.getDoubleValue();
    double max = isLong ? 0x1p63 : 0x1p31;
    if (v != Math.rint(v) || v >= max || v < -max) {
      throw ctxt.weirdNumberException(v, handledType(), "not an integer");
    }
    Object whole = isLong ? (Object) Long.valueOf((long) v) : (Object) Integer.valueOf((int) v);
    return (T) whole;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T getNullValue(DeserializationContext ctxt)
      throws com.fasterxml.jackson.databind.JsonMappingException {
    return (T) plain.getNullValue(ctxt);
  }
}
