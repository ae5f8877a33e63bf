package dev.slimnas.supernet.search;

import dev.slimnas.latency.diff.BlockIndicators;
import dev.slimnas.latency.diff.DifferentiableLatency;
import dev.slimnas.optimizers.budget.LambdaController;
import dev.slimnas.space.search.BlockChoice;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.spec.BlockOp;
import dev.slimnas.supernet.data.Seeds;
import dev.slimnas.supernet.single.IndicatorState;
import dev.slimnas.supernet.single.SearchableBlock;
import dev.slimnas.supernet.single.SinglePathGraph;
import dev.slimnas.supernet.train.StepHook;
import dev.slimnas.supernet.train.StepResult;
import dev.slimnas.supernet.train.TrainRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The search loop's part of every supernet training step. During the warm-up epochs: lambda 0 and
 * indicator dropout at the configured rate. After it: before each step, the latency term
 * {@code lambda * log R(d)} of the hard indicators {@code d} is differentiated by
 * {@link DifferentiableLatency} and its gradient handed to every searchable block
 * ({@link SearchableBlock#addIndicatorGradient}), which sends it through the same straight-through chain
 * as the loss; after each step the budget controller sees the latency of the new hard architecture and
 * the soft latency (the same function at relaxed indicators, {@link SearchMargins#soft}), and acts on the
 * soft one.
 * Every step is recorded in the {@link SearchTrace}, which also restores the controller on resume.
 * Indicator dropout is reseeded per step and block, so a resumed search draws the same masks.
 */
final class SearchHook implements StepHook {
  private final SearchConfig config;
  private final SearchSpace space;
  private final DifferentiableLatency latency;
  private final SearchTrace trace;
  private final int[] searchable;
  private LambdaController controller;
  private double lambdaOfStep;

  SearchHook(SearchConfig config, SearchSpace space, DifferentiableLatency latency, SearchTrace trace) {
    this.config = config;
    this.space = space;
    this.latency = latency;
    this.trace = trace;
    this.searchable = space.searchableBlocks().stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public void started(TrainRun run) {
    controller = LambdaController.start(config.target());
    if (run.resumed()) {
      TraceStep last = trace.truncateTo(run.state().step());
      if (last != null && "search".equals(last.phase())) {
        long searchSteps = last.step() + 1 - firstSearchStep(run);
        controller = new LambdaController(config.target(), last.nextLambda(), searchSteps, last.softLatencyMs());
      }
    } else {
      Map<String, Object> header = new LinkedHashMap<>();
      header.put("searchFingerprint", config.fingerprint());
      header.put("space", space.name());
      header.put("deploymentSpace", config.deploymentSpace());
      header.put("device", config.device());
      header.put("searchableBlocks", searchable);
      trace.start(header);
    }
  }

  private long firstSearchStep(TrainRun run) {
    return (long) config.warmupEpochs() * run.state().batchesPerEpoch();
  }

  @Override
  public void beforeFit(long step, int epoch, ComputationGraph graph) {
    boolean warm = epoch < config.warmupEpochs();
    List<BlockIndicators> hard = new ArrayList<>();
    List<SearchableBlock> blocks = new ArrayList<>();
    for (int b : searchable) {
      SearchableBlock block = SinglePathGraph.block(graph, b);
      block.setIndicatorDropout(warm ? config.indicatorDropout() : 0);
      block.reseedIndicatorDropout(Seeds.derive(config.weights().seed(), "indicator-dropout", step, b));
      blocks.add(block);
    }
    lambdaOfStep = warm ? 0 : controller.lambda();
    if (lambdaOfStep == 0) {
      return;
    }
    DifferentiableLatency.Evaluation log = latency.evaluate(PathExport.indicators(graph, space)).log();
    for (int i = 0; i < searchable.length; i++) {
      double[] g = log.grad()[searchable[i]].clone();
      for (int j = 0; j < g.length; j++) {
        g[j] *= lambdaOfStep;
      }
      blocks.get(i).addIndicatorGradient(g);
    }
  }

  @Override
  public void stepDone(StepResult step, TrainRun run) {
    ComputationGraph graph = run.graph();
    boolean warm = step.epoch() < config.warmupEpochs();
    List<SearchableBlock> blocks = new ArrayList<>();
    for (int b : searchable) {
      blocks.add(SinglePathGraph.block(graph, b));
    }
    List<TraceStep.TraceBlock> rows = new ArrayList<>();
    for (int i = 0; i < searchable.length; i++) {
      IndicatorState s = blocks.get(i).state();
      rows.add(new TraceStep.TraceBlock(searchable[i], Readout.op(space.blocks().get(searchable[i]), s.hard()).code(),
          toArray(s.hard()), s.norms().toArray(),
          s.thresholds().toArray()));
    }
    List<BlockIndicators> ind = PathExport.indicators(graph, space);
    double ms = latency.evaluate(ind).value();
    double softMs = latency.evaluate(SearchMargins.soft(blocks, searchable, space)).value();
    if (!warm) {
      controller = controller.observe(ms, softMs);
    }
    StringBuilder arch = new StringBuilder();
    for (int b = 0; b < ind.size(); b++) {
      arch.append(b == 0 ? "" : ",").append(opOf(b, ind.get(b)).code());
    }
    trace.append(new TraceStep(step.step(), step.epoch(), warm ? "warmup" : "search", step.loss(), step.accuracy(), step.lr(),
        lambdaOfStep, controller.lambda(), ms, softMs, arch.toString(), rows));
  }

  private BlockOp opOf(int b, BlockIndicators d) {
    BlockChoice c = space.blocks().get(b);
    return c.searchable() ? Readout.op(c, d) : c.ops().get(0);
  }

  private static double[] toArray(BlockIndicators d) {
    return new double[] {d.keep(), d.e6(), d.k5(), d.se()};
  }
}
