package dev.slimnas.latency.profile;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What one profile entry measured: a block shape, the stem, the head (1x1 conv, pooling and
 * classifier), the per-call overhead of the runtime, or a whole network. In JSON the kind is the
 * {@code "kind"} field.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = BlockShape.class, name = "block"),
    @JsonSubTypes.Type(value = StemShape.class, name = "stem"),
    @JsonSubTypes.Type(value = HeadShape.class, name = "head"),
    @JsonSubTypes.Type(value = CallOverhead.class, name = "overhead"),
    @JsonSubTypes.Type(value = NetworkShape.class, name = "network")})
public sealed interface ProfilePart permits BlockShape, StemShape, HeadShape, CallOverhead, NetworkShape {

  /** A unique, stable, readable key: two parts with the same key are the same measurement. */
  String key();
}
