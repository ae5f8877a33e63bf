package dev.slimnas.supernet.slim;

import com.google.common.primitives.ImmutableIntArray;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.supernet.data.Seeds;
import dev.slimnas.supernet.net.Networks;
import dev.slimnas.supernet.train.OutputLogits;
import dev.slimnas.supernet.train.TrainStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Weight-sharing training through sampled paths only: the trained graph is a {@link WeightStore} (or any
 * graph holding every parameter a member of the {@link JointFamily} reads) and is never run forward.
 * Each step builds the sampled networks' graphs ({@link SubnetCache}), copies their windows of the
 * store's weights in ({@link PrefixParams}), runs them forward and backward, scatters their gradients
 * back into the store's gradient array, averages, and makes one update with the store's updater (as
 * {@link SandwichStep} does for the full network).
 *
 * <ul>
 *   <li>{@link Rule#SINGLE_PATH}: SPOS (Guo et al., "Single Path One-Shot Neural Architecture Search with
 *       Uniform Sampling", ECCV 2020): {@code paths} networks, every block's op drawn uniformly, each on the
 *       label loss.
 *   <li>{@link Rule#SANDWICH}: the sandwich rule with in-place distillation as {@link SandwichStep}: the
 *       family's largest network on the labels, then its smallest and {@code paths} uniform ones on the
 *       largest one's detached softmax.
 * </ul>
 * Paths are drawn from {@code hash(seed, step)}, so a resumed run trains the same ones. The trainer's
 * probe (loss/accuracy of the step) sees the first label-trained network's forward pass, and the store's
 * score is that pass's loss. Parameters no path of a step reads get no gradient; weight decay and momentum
 * still move them, as in the PyTorch SPOS code (its gradients are zeroed, not dropped).
 */
public final class UniformPathStep implements TrainStep {
  /** How a step picks and trains its networks. */
  public enum Rule {
    SINGLE_PATH, SANDWICH
  }

  private final JointFamily family;
  private final SubnetCache cache;
  private final Rule rule;
  private final int paths;
  private final long seed;
  private Gradient views;
  private ComputationGraph viewsOf;
  private List<ArchEncoding> last = List.of();
  private double[] lastLosses = new double[0];

  /**
   * @param paths uniform networks per step (SINGLE_PATH: all of them; SANDWICH: besides largest and smallest)
   * @param seed seed of the path draws
   */
  public UniformPathStep(JointFamily family, SubnetCache cache, Rule rule, int paths, long seed) {
    this.family = Objects.requireNonNull(family, "family");
    this.cache = Objects.requireNonNull(cache, "cache");
    this.rule = Objects.requireNonNull(rule, "rule");
    if (paths < (rule == Rule.SINGLE_PATH ? 1 : 0)) {
      throw new IllegalArgumentException("paths must be >= " + (rule == Rule.SINGLE_PATH ? 1 : 0) + " for " + rule + ", got " + paths);
    }
    this.paths = paths;
    this.seed = seed;
  }

  /** The networks of step {@code step}, in training order (SANDWICH: largest, smallest, then the uniform ones). */
  public List<ArchEncoding> sample(long step) {
    SplittableRandom r = new SplittableRandom(Seeds.derive(seed, "uniform-path", step));
    int[] cardinalities = family.space().opCardinalities().toArray();
    List<ArchEncoding> out = new ArrayList<>();
    if (rule == Rule.SANDWICH) {
      out.add(family.full());
      out.add(family.smallest());
    }
    for (int i = 0; i < paths; i++) {
      int[] ops = new int[cardinalities.length];
      for (int b = 0; b < ops.length; b++) {
        ops[b] = r.nextInt(cardinalities[b]);
      }
      out.add(family.uniform(ImmutableIntArray.copyOf(ops), family.upper()));
    }
    return List.copyOf(out);
  }

  @Override
  public void fit(ComputationGraph store, INDArray x, INDArray y, long step, int epoch) {
    int iteration = store.getIterationCount();
    int ep = store.getEpochCount();
    if (viewsOf != store) {
      views = WeightStore.gradientViews(store);
      viewsOf = store;
    }
    store.setGradient(views);
    store.getFlattenedGradients().assign(0);
    List<ArchEncoding> nets = sample(step);
    double[] losses = new double[nets.size()];
    INDArray soft = null;
    double labelLoss = 0;
    int labelled = 0;
    for (int i = 0; i < nets.size(); i++) {
      ComputationGraph sub = cache.withWeightsOf(store, family.arch(nets.get(i)));
      boolean distilled = rule == Rule.SANDWICH && i > 0;
      boolean probe = i == 0;
      INDArray logits = pass(sub, x, distilled ? soft : y, probe ? List.copyOf(store.getListeners()) : List.of(), rule == Rule.SANDWICH && i == 0);
      if (rule == Rule.SANDWICH && i == 0) {
        soft = Transforms.softmax(logits, false).castTo(y.dataType()).detach();
      }
      losses[i] = sub.score();
      if (!distilled) {
        labelLoss += losses[i];
        labelled++;
      }
      PrefixParams.addGradients(sub, store);
      sub.clear();
    }
    if (nets.size() > 1) {
      average(views, nets.size());
    }
    store.getUpdater(true).update(views, iteration, ep, (int) x.size(0), LayerWorkspaceMgr.noWorkspaces());
    INDArray params = store.params();
    params.subi(store.getFlattenedGradients().reshape(params.shape()));
    for (TrainingListener l : store.getListeners()) {
      l.iterationDone(store, iteration, ep);
    }
    store.getConfiguration().setIterationCount(iteration + 1);
    store.setScore(labelLoss / labelled);
    last = nets;
    lastLosses = losses;
  }

  /**
   * Forward and backward pass of {@code sub} against {@code targets}, with {@code listeners} attached
   * (the trainer's probe); returns the logits when {@code wantLogits}, else null.
   */
  private static INDArray pass(ComputationGraph sub, INDArray x, INDArray targets, java.util.Collection<TrainingListener> listeners,
      boolean wantLogits) {
    List<TrainingListener> with = new ArrayList<>(listeners);
    INDArray[] seen = new INDArray[1];
    if (wantLogits) {
      OutputLogits logits = OutputLogits.of(sub);
      with.add(new BaseTrainingListener() {
        @Override
        public void onForwardPass(Model model, Map<String, INDArray> activations) {
          seen[0] = logits.compute(activations);
        }
      });
    }
    List<TrainingListener> before = new ArrayList<>(sub.getListeners());
    sub.setListeners(with);
    try {
      sub.setInputs(x);
      sub.setLabels(targets);
      sub.computeGradientAndScore();
    } finally {
      sub.setListeners(before);
    }
    if (wantLogits && seen[0] == null) {
      throw new IllegalStateException("the largest network's forward pass did not reach its output layer");
    }
    return seen[0];
  }

  /** Divides the summed gradients by {@code n} (BN running statistics carry none here). */
  private static void average(Gradient g, int n) {
    for (Map.Entry<String, INDArray> e : g.gradientForVariable().entrySet()) {
      String key = e.getKey();
      if (!Networks.isBnStatistic(key.substring(key.lastIndexOf('_') + 1))) {
        e.getValue().divi(n);
      }
    }
  }

  /** The networks of the last step, in training order. */
  public List<ArchEncoding> lastEncodings() {
    return last;
  }

  /** The losses of the last step's networks (label or distillation loss), in training order. */
  public double[] lastLosses() {
    return lastLosses.clone();
  }

  public Rule rule() {
    return rule;
  }
}
