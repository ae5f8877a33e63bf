package dev.slimnas.supernet.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.slimnas.space.json.Json;
import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * DL4J adapter of an {@link LrCurve}: an {@link ISchedule} of the iteration (the epoch argument is
 * ignored). It is stored in the network's JSON configuration by DL4J's (shaded) Jackson as the peak
 * rate, the steps per epoch, the epochs and the schedule in the project's JSON, so
 * {@code ModelSerializer} save/restore keeps it.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public final class CurveSchedule implements ISchedule {
  private static final long serialVersionUID = 1L;

  private final double peakLr;
  private final int stepsPerEpoch;
  private final int epochs;
  private final String schedule;
  private final transient LrCurve curve;

  public CurveSchedule(LrCurve curve) {
    this(curve.peakLr(), curve.stepsPerEpoch(), curve.epochs(), scheduleJson(curve.schedule()));
  }

  @JsonCreator
  CurveSchedule(@JsonProperty("peakLr") double peakLr, @JsonProperty("stepsPerEpoch") int stepsPerEpoch,
      @JsonProperty("epochs") int epochs, @JsonProperty("schedule") String schedule) {
    this.peakLr = peakLr;
    this.stepsPerEpoch = stepsPerEpoch;
    this.epochs = epochs;
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.curve = new LrCurve(peakLr, parseSchedule(schedule), stepsPerEpoch, epochs);
  }

  private static String scheduleJson(LrSchedule s) {
    try {
      return Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + s, e);
    }
  }

  private static LrSchedule parseSchedule(String json) {
    try {
      return Json.mapper().readValue(json, LrSchedule.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("learning-rate schedule in the network configuration is not readable: " + json, e);
    }
  }

  /** Rebuilds the transient curve after Java deserialisation. */
  private Object readResolve() {
    return new CurveSchedule(peakLr, stepsPerEpoch, epochs, schedule);
  }

  /** The curve this schedule follows. */
  public LrCurve curve() {
    return curve;
  }

  @Override
  public double valueAt(int iteration, int epoch) {
    return curve.at(iteration);
  }

  @Override
  public ISchedule clone() {
    return new CurveSchedule(peakLr, stepsPerEpoch, epochs, schedule);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CurveSchedule c && c.curve.equals(curve);
  }

  @Override
  public int hashCode() {
    return curve.hashCode();
  }

  @Override
  public String toString() {
    return "CurveSchedule[" + curve + "]";
  }
}
