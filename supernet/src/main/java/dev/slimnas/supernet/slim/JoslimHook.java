package dev.slimnas.supernet.slim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slimnas.optimizers.joslim.JoslimSampler;
import dev.slimnas.optimizers.joslim.WidthArchive;
import dev.slimnas.space.io.AtomicFiles;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.supernet.data.Batch;
import dev.slimnas.supernet.data.Seeds;
import dev.slimnas.supernet.train.OutputLogits;
import dev.slimnas.supernet.train.StepHook;
import dev.slimnas.supernet.train.TrainResult;
import dev.slimnas.supernet.train.TrainRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Joslim's width sampling during slimmable training (REFERENCE.md §2): every {@code tau} steps the
 * archive of width configurations sampled so far is re-scored on one validation batch with the current
 * shared weights, then {@link JoslimSampler} proposes new configurations along the (loss, cost) front;
 * until the next refresh every step trains the smallest network and {@code perStep} configurations
 * drawn from the latest proposals (seeded by (seed, step)).
 *
 * <p>Resume: after every refresh the archive and the proposals are written to
 * {@code joslim/state-<step>.json} (atomically) before the step trains, so a run resumed from a
 * checkpoint at step {@code c} reloads the last state written before {@code c} and repeats any refresh
 * at {@code c} itself with the same weights.
 */
public final class JoslimHook implements StepHook, SubnetSampler {
  /** Most configurations kept (and re-scored) in the archive; see {@link #capped}. */
  public static final int ARCHIVE_CAP = 16;
  private final SlimmableFamily family;
  private final JoslimSampler sampler;
  private final SubnetCache cache;
  private final INDArray valX;
  private final int[] valLabels;
  private final int tau;
  private final int perStep;
  private final int proposals;
  private final long seed;
  private final Path dir;
  private WidthArchive archive = WidthArchive.empty();
  private List<ArchEncoding> pool = List.of();

  /**
   * @param validation the batch the archive is re-scored on (from the validation split)
   * @param tau steps between refreshes
   * @param perStep sampled configurations trained per step besides the full and the smallest
   * @param proposals new configurations per refresh
   * @param dir folder for the state files (inside the run folder)
   */
  public JoslimHook(SlimmableFamily family, JoslimSampler sampler, SubnetCache cache, Batch validation, int tau,
      int perStep, int proposals, long seed, Path dir) {
    this.family = Objects.requireNonNull(family, "family");
    this.sampler = Objects.requireNonNull(sampler, "sampler");
    this.cache = Objects.requireNonNull(cache, "cache");
    if (tau < 1 || perStep < 0 || proposals < 1) {
      throw new IllegalArgumentException("need tau >= 1, perStep >= 0, proposals >= 1; got " + tau + ", " + perStep + ", " + proposals);
    }
    this.valX = Nd4j.create(validation.features(), validation.shape(), 'c');
    this.valLabels = validation.labels().clone();
    this.tau = tau;
    this.perStep = perStep;
    this.proposals = proposals;
    this.seed = seed;
    this.dir = dir;
  }

  @Override
  public void started(TrainRun run) {
    if (run.resumed()) {
      restore(run.state().step());
    }
  }

  @Override
  public void beforeFit(long step, int epoch, ComputationGraph graph) {
    if (step % tau == 0) {
      refresh(graph, step);
    }
  }

  private void refresh(ComputationGraph full, long step) {
    archive = capped(archive).rescored(e -> loss(full, e));
    List<ArchEncoding> next = sampler.propose(archive, proposals, new SplittableRandom(Seeds.derive(seed, "joslim-propose", step)));
    archive = sampler.addTo(archive, next);
    pool = next.isEmpty() ? pool : List.copyOf(next);
    write(step);
  }

  /**
   * The archive cut to {@link #ARCHIVE_CAP} entries: the current front (by the last scores) first, then
   * the most recent entries. The paper re-scores everything sampled so far; here every re-scored
   * configuration costs a forward pass of its own graph, and a graph cache that cannot hold them all
   * rebuilds them on every refresh.
   */
  static WidthArchive capped(WidthArchive a) {
    if (a.size() <= ARCHIVE_CAP) {
      return a;
    }
    List<WidthArchive.Entry> keep = new ArrayList<>();
    java.util.Set<ArchEncoding> front = new java.util.HashSet<>();
    a.front().points().forEach(c -> front.add(c.encoding()));
    for (WidthArchive.Entry e : a.entries()) {
      if (front.contains(e.encoding()) && keep.size() < ARCHIVE_CAP) {
        keep.add(e);
      }
    }
    for (int i = a.entries().size() - 1; i >= 0 && keep.size() < ARCHIVE_CAP; i--) {
      if (!keep.contains(a.entries().get(i))) {
        keep.add(a.entries().get(i));
      }
    }
    return new WidthArchive(keep);
  }

  /** Cross-entropy of configuration {@code e} on the validation batch (training-mode BN, no dropout). */
  private double loss(ComputationGraph full, ArchEncoding e) {
    ComputationGraph g = cache.withWeightsOf(full, family.arch(e.widths().toArray()));
    INDArray x = valX.castTo(g.getConfiguration().getDataType());
    INDArray logits = OutputLogits.of(g).compute(g.feedForward(new INDArray[] {x}, true, true));
    float[][] z = logits.toFloatMatrix();
    double sum = 0;
    for (int i = 0; i < z.length; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (float v : z[i]) {
        max = Math.max(max, v);
      }
      double s = 0;
      for (float v : z[i]) {
        s += Math.exp(v - max);
      }
      sum += max + Math.log(s) - z[i][valLabels[i]];
    }
    return sum / z.length;
  }

  @Override
  public List<double[]> sample(long step) {
    List<double[]> out = new ArrayList<>();
    out.add(family.smallest());
    if (pool.isEmpty()) {
      return out;
    }
    SplittableRandom r = new SplittableRandom(Seeds.derive(seed, "joslim-sample", step));
    for (int i = 0; i < perStep; i++) {
      out.add(pool.get(r.nextInt(pool.size())).widths().toArray());
    }
    return out;
  }

  /** The archive as it stands (scored entries carry the loss of the last refresh). */
  public WidthArchive archive() {
    return archive;
  }

  @Override
  public void finished(TrainResult result, TrainRun run) {
    archive = archive.rescored(e -> loss(run.graph(), e));
    write(run.state().step());
  }

  private void write(long step) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("schema", "slimnas.joslim-state");
    root.put("version", 1);
    root.put("step", step);
    ArrayNode entries = root.putArray("archive");
    for (WidthArchive.Entry e : archive.entries()) {
      ObjectNode n = entries.addObject();
      e.encoding().widths().forEach(n.putArray("widths")::add);
      n.put("cost", e.cost());
      if (e.isScored()) {
        n.put("loss", e.loss());
      }
    }
    ArrayNode p = root.putArray("pool");
    for (ArchEncoding e : pool) {
      e.widths().forEach(p.addArray()::add);
    }
    try {
      Files.createDirectories(dir);
      AtomicFiles.writeString(dir.resolve(String.format("state-%08d.json", step)), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write the Joslim state into " + dir, ex);
    }
  }

  private void restore(long checkpointStep) {
    State st = read(dir, family, checkpointStep);
    if (st == null) {
      if (checkpointStep > 0) {
        throw new IllegalStateException(dir + ": no Joslim state written before step " + checkpointStep + " to resume from");
      }
      return;
    }
    archive = st.archive();
    pool = st.pool();
  }

  /** The archive of the last state written in {@code dir} (after training: re-scored at the end). */
  public static WidthArchive latestArchive(Path dir, SlimmableFamily family) {
    State st = read(dir, family, Long.MAX_VALUE);
    if (st == null) {
      throw new IllegalStateException(dir + ": no Joslim state files");
    }
    return st.archive();
  }

  private record State(WidthArchive archive, List<ArchEncoding> pool) {}

  /** The state with the largest step below {@code before}, or null. */
  private static State read(Path dir, SlimmableFamily family, long before) {
    Path best = null;
    long bestStep = -1;
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          String name = f.getFileName().toString();
          if (name.startsWith("state-") && name.endsWith(".json")) {
            long s = Long.parseLong(name.substring(6, name.length() - 5));
            if (s < before && s >= bestStep) {
              bestStep = s;
              best = f;
            }
          }
        }
      } catch (IOException ex) {
        throw new UncheckedIOException("cannot list " + dir, ex);
      }
    }
    if (best == null) {
      return null;
    }
    try {
      JsonNode root = Json.mapper().readTree(best.toFile());
      WidthArchive a = WidthArchive.empty();
      for (JsonNode n : root.get("archive")) {
        ArchEncoding e = family.encoding(doubles(n.get("widths")));
        a = n.has("loss") ? a.withScored(e, n.get("cost").asDouble(), n.get("loss").asDouble()) : a.with(e, n.get("cost").asDouble());
      }
      List<ArchEncoding> p = new ArrayList<>();
      for (JsonNode n : root.get("pool")) {
        p.add(family.encoding(doubles(n)));
      }
      return new State(a, List.copyOf(p));
    } catch (IOException | RuntimeException ex) {
      throw new IllegalStateException(best + ": unreadable Joslim state (" + ex.getMessage() + ")", ex);
    }
  }

  private static double[] doubles(JsonNode n) {
    double[] v = new double[n.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = n.get(i).asDouble();
    }
    return v;
  }
}
