package dev.slimnas.supernet.slim;

import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.net.Networks;
import dev.slimnas.supernet.train.OutputLogits;
import dev.slimnas.supernet.train.TrainStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The sandwich rule with in-place distillation (US-Nets, Joslim): the full network on the label loss,
 * then every sub-network the {@link SubnetSampler} names on a soft-target loss against the full
 * network's detached softmax outputs, all gradients summed into the full network's (prefix and
 * centre slicing, see {@link PrefixParams}) and averaged, and one optimizer step of the full network's
 * updater. Averaging (the mean of the sandwich's losses) instead of the paper's sum keeps a plain run's
 * learning rate usable: with the sum, the default CIFAR schedule (SGD 0.1) stayed at chance for 50 steps at 4
 * networks per step.
 *
 * <p>The step does what DL4J's {@code fit} does around the gradient (updater with the iteration and epoch
 * counts, parameters minus the update, listeners' {@code iterationDone}, iteration count plus one), so
 * learning-rate schedules, weight decay, the trainer's probes and checkpoints work unchanged. The
 * graph's score is the full network's label loss; {@link #lastSubnetLosses()} holds the others.
 *
 * <p>Two kinds of families: a {@link SlimmableFamily} (ops fixed, a {@link SubnetSampler} names width
 * configurations) or a {@link JointFamily} (ops searched with widths, an {@link ArchSampler} names
 * encodings, e.g. {@link UniformArchSampler}). Either way the trained graph must be the family's full
 * network.
 */
public final class SandwichStep implements TrainStep {
  private final LongFunction<List<ArchEncoding>> sampler;
  private final Function<ArchEncoding, ArchSpec> decoder;
  private final SubnetCache cache;
  private double[] lastLosses = new double[0];
  private List<ArchEncoding> lastEncodings = List.of();

  /** Widths only: every sub-network has the ops of {@code family}. */
  public SandwichStep(SlimmableFamily family, SubnetSampler sampler, SubnetCache cache) {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(sampler, "sampler");
    this.sampler = step -> sampler.sample(step).stream().map(family::encoding).toList();
    this.decoder = e -> family.space().decode(e);
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  /** Ops and widths: the sub-networks are the encodings {@code sampler} names, of {@code family}. */
  public SandwichStep(JointFamily family, ArchSampler sampler, SubnetCache cache) {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(sampler, "sampler");
    this.sampler = step -> sampler.sample(step).stream().map(family::clamped).toList();
    this.decoder = e -> family.space().decode(e);
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  @Override
  public void fit(ComputationGraph full, INDArray x, INDArray y, long step, int epoch) {
    int iteration = full.getIterationCount();
    int ep = full.getEpochCount();
    INDArray soft = fullPass(full, x, y);
    List<ArchEncoding> subnets = sampler.apply(step);
    double[] losses = new double[subnets.size()];
    for (int i = 0; i < subnets.size(); i++) {
      ArchSpec arch = decoder.apply(subnets.get(i));
      ComputationGraph sub = cache.withWeightsOf(full, arch);
      sub.setInputs(x);
      sub.setLabels(soft);
      sub.computeGradientAndScore();
      losses[i] = sub.score();
      PrefixParams.addGradients(sub, full);
      sub.clear();
    }
    if (!subnets.isEmpty()) {
      average(full, subnets.size() + 1);
    }
    full.getUpdater(true).update(full.gradient(), iteration, ep, (int) x.size(0), LayerWorkspaceMgr.noWorkspaces());
    INDArray params = full.params();
    params.subi(full.getFlattenedGradients().reshape(params.shape()));
    for (TrainingListener l : full.getListeners()) {
      l.iterationDone(full, iteration, ep);
    }
    full.getConfiguration().setIterationCount(iteration + 1);
    lastLosses = losses;
    lastEncodings = List.copyOf(subnets);
  }

  /** Divides the summed gradients by {@code n}; BN running-statistic updates stay the full network's own. */
  private static void average(ComputationGraph full, int n) {
    for (Map.Entry<String, INDArray> e : full.gradient().gradientForVariable().entrySet()) {
      String key = e.getKey();
      if (!Networks.isBnStatistic(key.substring(key.lastIndexOf('_') + 1))) {
        e.getValue().divi(n);
      }
    }
  }

  /** Forward and backward pass of the full network on the labels; returns its detached softmax outputs. */
  private static INDArray fullPass(ComputationGraph full, INDArray x, INDArray y) {
    OutputLogits logits = OutputLogits.of(full);
    INDArray[] seen = new INDArray[1];
    TrainingListener probe = new BaseTrainingListener() {
      @Override
      public void onForwardPass(Model model, Map<String, INDArray> activations) {
        seen[0] = logits.compute(activations);
      }
    };
    List<TrainingListener> before = new ArrayList<>(full.getListeners());
    List<TrainingListener> with = new ArrayList<>(before);
    with.add(probe);
    full.setListeners(with);
    try {
      full.setInputs(x);
      full.setLabels(y);
      full.computeGradientAndScore();
    } finally {
      full.setListeners(before);
    }
    if (seen[0] == null) {
      throw new IllegalStateException("the full network's forward pass did not reach its output layer");
    }
    return Transforms.softmax(seen[0], false).castTo(y.dataType()).detach();
  }

  /** The sub-networks' distillation losses of the last step, in the sampler's order. */
  public double[] lastSubnetLosses() {
    return lastLosses.clone();
  }

  /** The width configurations of the last step (clamped into the family's range), in the sampler's order. */
  public List<double[]> lastSubnetWidths() {
    return lastEncodings.stream().map(e -> e.widths().toArray()).toList();
  }

  /** The sub-networks of the last step as encodings (ops and clamped widths), in the sampler's order. */
  public List<ArchEncoding> lastSubnetEncodings() {
    return lastEncodings;
  }
}
