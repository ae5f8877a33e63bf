package dev.slimnas.latency.lut;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slimnas.latency.DeviceProfile;
import dev.slimnas.latency.LatencyBreakdown;
import dev.slimnas.latency.LatencyModel;
import dev.slimnas.latency.UncoveredArchitectureException;
import dev.slimnas.latency.diff.BlockTable;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.ref.ReferenceNetworks;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import dev.slimnas.space.spec.BlockOp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Single-Path NAS runtime model of the Pixel 1 (Stamoulis et al., arXiv:1904.02877): network
 * latency = 19.5999 ms (stem, head, classifier and the two fixed blocks 0 and 21) + the table entry of
 * each of the 20 searchable blocks (a skipped block costs 0). Covers exactly the 224x224 Single-Path
 * NAS macro-architecture; anything else is refused with the block and the difference.
 */
public final class SinglePathTable implements LatencyModel, BlockTable {
  public static final String ID = "pixel1-singlepath";
  public static final String RESOURCE = "/dev/slimnas/latency/tables/pixel1-singlepath/pixel1_runtime_model.json";
  public static final String MD5 = "4bb7eec22778bbdb76ae82f41d186484";
  /** Stem, head, classifier and fixed blocks, as in the original search code. */
  public static final double CONSTANT_MS = 19.5999;
  private static final int BLOCKS = 22;

  private static final DeviceProfile PROFILE = new DeviceProfile(ID, "Google Pixel 1", "TFLite (Single-Path NAS runtime model)",
      "fp32", 1, 1, "ms", "dstamoulis/single-path-nas nas-search/pixel1_runtime_model.json, md5 " + MD5);

  /** ms[block][op], op order k3e3, k3e6, k5e3, k5e6. */
  private final double[][] ms;
  private final ArchSpec reference = SearchSpaces.singlePathNas().max();

  private SinglePathTable(double[][] ms) {
    this.ms = ms;
  }

  /** Loads the vendored table (checksum verified). */
  public static SinglePathTable load() {
    byte[] bytes = TableResources.load(RESOURCE, MD5);
    try {
      JsonNode root = Json.mapper().readTree(bytes);
      double[][] ms = new double[BLOCKS][4];
      for (int b = 0; b < BLOCKS; b++) {
        for (int o = 0; o < 4; o++) {
          JsonNode v = root.path(Integer.toString(b)).path(Integer.toString(o));
          if (!v.isNumber()) {
            throw new IllegalStateException(RESOURCE + ": entry [" + b + "][" + o + "] is missing or not a number");
          }
          ms[b][o] = v.asDouble();
        }
      }
      return new SinglePathTable(ms);
    } catch (IOException e) {
      throw new UncheckedIOException(RESOURCE + ": " + e.getMessage(), e);
    }
  }

  @Override
  public DeviceProfile profile() {
    return PROFILE;
  }

  @Override
  public double predict(ArchSpec arch) {
    return breakdown(arch).total();
  }

  @Override
  public LatencyBreakdown breakdown(ArchSpec arch) {
    checkMacro(arch);
    List<Double> blocks = new ArrayList<>();
    for (BlockLayout b : arch.layout()) {
      blocks.add(blockMs(b));
    }
    return new LatencyBreakdown(CONSTANT_MS, blocks, "ms");
  }

  private double blockMs(BlockLayout b) {
    if (b.index() == 0 || b.index() == BLOCKS - 1 || b.op().isSkip()) {
      return 0.0; // fixed blocks are inside the constant
    }
    return ms[b.index()][opIndex(b)];
  }

  private static int opIndex(BlockLayout b) {
    int i = SearchSpaces.SPNAS_OPS.indexOf(b.op());
    if (i < 0) {
      throw new UncoveredArchitectureException(ID + ": " + b.label() + ": op " + b.op().code()
          + " is not in the table (it has k3e3, k3e6, k5e3, k5e6 and skip)");
    }
    return i;
  }

  /** Refuses architectures whose shapes differ from the measured macro-architecture. */
  private void checkMacro(ArchSpec arch) {
    if (arch.input().resolution() != 224 || arch.input().channels() != 3) {
      throw new UncoveredArchitectureException(ID + ": the table was measured at 224x224x3 input, got "
          + arch.input().resolution() + "x" + arch.input().resolution() + "x" + arch.input().channels());
    }
    if (arch.classes() != reference.classes() || !arch.stem().equals(reference.stem()) || !arch.head().equals(reference.head())) {
      throw new UncoveredArchitectureException(ID + ": stem, head and classifier must be those of the Single-Path NAS network "
          + "(stem " + reference.stem() + ", head " + reference.head().channels() + ", 1000 classes)");
    }
    if (arch.blockCount() != BLOCKS || arch.stages().size() != reference.stages().size()) {
      throw new UncoveredArchitectureException(ID + ": the table covers 22 blocks in 7 stages, got "
          + arch.blockCount() + " blocks in " + arch.stages().size() + " stages");
    }
    List<BlockLayout> ref = reference.layout();
    for (BlockLayout b : arch.layout()) {
      BlockLayout r = ref.get(b.index());
      if (b.stage() != r.stage() || b.inChannels() != r.inChannels() || b.outChannels() != r.outChannels()
          || b.inResolution() != r.inResolution() || b.stride() != r.stride()) {
        throw new UncoveredArchitectureException(ID + ": " + b.label() + ": shape " + shape(b) + " is not in the table (measured "
            + shape(r) + ")");
      }
      BlockOp op = b.op();
      if (b.index() == 0 || b.index() == BLOCKS - 1) {
        if (!op.equals(r.op())) {
          throw new UncoveredArchitectureException(ID + ": " + b.label() + ": fixed block must be " + r.op().code() + ", got " + op.code());
        }
      } else if (!op.isSkip()) {
        opIndex(b);
        if (b.spec().hidden() != b.inChannels() * op.expansion()) {
          throw new UncoveredArchitectureException(ID + ": " + b.label() + ": hidden width " + b.spec().hidden()
              + " is not in the table (measured " + b.inChannels() * op.expansion() + " for " + op.code() + ")");
        }
      }
    }
  }

  private static String shape(BlockLayout b) {
    return b.inResolution() + "x" + b.inResolution() + "x" + b.inChannels() + " -> " + b.outResolution() + "x"
        + b.outResolution() + "x" + b.outChannels() + " stride " + b.stride();
  }

  @Override
  public int blockCount() {
    return BLOCKS;
  }

  @Override
  public double fixedMs() {
    return CONSTANT_MS;
  }

  @Override
  public double ms(int block, int kernel, int expansion) {
    if (block == 0 || block == BLOCKS - 1) {
      return 0.0;
    }
    int o = (kernel == 5 ? 2 : 0) + (expansion == 6 ? 1 : 0);
    return ms[block][o];
  }

  @Override
  public boolean searchable(int block) {
    return block > 0 && block < BLOCKS - 1;
  }

  /** The architecture the table was measured for with the final Single-Path NAS choices (for checks). */
  public static ArchSpec finalNetwork() {
    return ReferenceNetworks.singlePathNasFinal();
  }
}
