package dev.slimnas.supernet.slim;

import java.util.List;

/**
 * Which sub-networks the sandwich rule trains at a step besides the full network: width
 * configurations of a {@link SlimmableFamily} (the smallest one included when the rule wants it).
 * Must be a pure function of the step and of state the sampler restores on resume, so a resumed run
 * trains the same sub-networks.
 */
@FunctionalInterface
public interface SubnetSampler {
  List<double[]> sample(long step);
}
