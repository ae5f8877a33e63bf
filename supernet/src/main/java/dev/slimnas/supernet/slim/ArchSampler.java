package dev.slimnas.supernet.slim;

import dev.slimnas.space.search.ArchEncoding;
import java.util.List;

/**
 * Which sub-networks the sandwich rule trains at a step besides the full network, when ops are searched
 * too: encodings (ops and multipliers) of a {@link JointFamily}, the smallest one included when the rule
 * wants it. The counterpart of {@link SubnetSampler} for fixed ops; the same purity rule applies: a pure
 * function of the step and of state restored on resume.
 */
@FunctionalInterface
public interface ArchSampler {
  List<ArchEncoding> sample(long step);
}
