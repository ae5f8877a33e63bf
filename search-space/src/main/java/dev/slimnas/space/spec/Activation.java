package dev.slimnas.space.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** The non-linearity used after every conv + BN pair except the linear projection of a block. */
public enum Activation {
  RELU,
  RELU6;

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Activation parse(String code) {
    for (Activation a : values()) {
      if (a.code().equalsIgnoreCase(code)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "activation '" + code + "' is unknown; allowed: " + Arrays.toString(Arrays.stream(values()).map(Activation::code).toArray()));
  }
}
