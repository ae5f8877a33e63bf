package dev.slimnas.supernet.train;

import dev.slimnas.supernet.net.NetSettings;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Builds the initialised network to train from the trainer's settings (seed, updater with its
 * learning-rate schedule, weight decay), e.g. {@code s -> Networks.build(arch, s)}. The network must
 * have one input and one dense softmax output layer with MCXENT loss.
 */
@FunctionalInterface
public interface NetworkFactory {
  ComputationGraph create(NetSettings s);
}
