package dev.slimnas.supernet.train;

/**
 * Called by {@link CheckpointStore} at each boundary between the writes of a checkpoint (names in
 * {@link CheckpointStore#BOUNDARIES}); a fault-injection test throws here to stand for a kill at that moment.
 */
@FunctionalInterface
public interface WriteBarrier {
  /** No checks: the production barrier. */
  WriteBarrier NONE = boundary -> {};

  /** The store is about to do {@code boundary} ("committed": it has done everything). */
  void reached(String boundary);
}
