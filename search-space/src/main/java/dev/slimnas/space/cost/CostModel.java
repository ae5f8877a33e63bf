package dev.slimnas.space.cost;

import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import dev.slimnas.space.spec.BlockSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Exact multiply-accumulates and parameter counts.
 *
 * <p>Counted: every conv, a proj block's strided 1x1 conv included (MACs = k*k*Cin/groups*Cout*Hout*Wout, bias-free, followed by BN with a scale
 * and a shift per channel), the two 1x1 convs of SE (with biases; MACs per image, as they act on the
 * pooled vector), and the classifier (weights and biases). Not counted as MACs: BN at inference
 * (folded into the conv), activations, pooling, the SE gate multiply and residual adds. BN running
 * statistics are buffers, not parameters. This is the convention of the published MobileNetV2 figures
 * (300M MACs, 3.5M parameters) and of NAS-Bench-Macro's {@code params} (PyTorch's {@code numel}
 * over {@code parameters()}) and {@code flops} (conv and classifier MACs, no bias MACs): the project's
 * counts equal the benchmark's for all 6,561 of its networks.
 */
public final class CostModel {
  private CostModel() {}

  public static Cost of(ArchSpec arch) {
    List<LayerCost> layers = new ArrayList<>();
    int res = BlockLayout.outResolution(arch.input().resolution(), arch.stem().stride());
    int k = arch.stem().kernel();
    layers.add(conv("stem", -1, k, arch.input().channels(), arch.stem().channels(), res, 1));
    for (BlockLayout b : arch.layout()) {
      addBlock(layers, b);
    }
    int fr = arch.finalResolution();
    layers.add(conv("head", -1, 1, arch.finalChannels(), arch.head().channels(), fr, 1));
    long fcParams = (long) arch.head().channels() * arch.classes() + arch.classes();
    layers.add(new LayerCost("classifier", -1, (long) arch.head().channels() * arch.classes(), fcParams));
    long macs = layers.stream().mapToLong(LayerCost::macs).sum();
    long params = layers.stream().mapToLong(LayerCost::params).sum();
    return new Cost(macs, params, layers);
  }

  /** Cost of one block in place (its layers only). */
  public static Cost ofBlock(BlockLayout b) {
    List<LayerCost> layers = new ArrayList<>();
    addBlock(layers, b);
    return new Cost(layers.stream().mapToLong(LayerCost::macs).sum(), layers.stream().mapToLong(LayerCost::params).sum(), layers);
  }

  private static void addBlock(List<LayerCost> layers, BlockLayout b) {
    BlockSpec s = b.spec();
    if (s.op().isSkip()) {
      return;
    }
    String p = "block" + b.index() + ".";
    int i = b.index();
    if (s.op().isProjection()) {
      layers.add(conv(p + "proj", i, 1, b.inChannels(), b.outChannels(), b.outResolution(), 1));
      return;
    }
    if (s.op().expansion() != 1) {
      layers.add(conv(p + "expand", i, 1, b.inChannels(), s.hidden(), b.inResolution(), 1));
    }
    int k = s.op().kernel();
    layers.add(conv(p + "dw", i, k, s.hidden(), s.hidden(), b.outResolution(), s.hidden()));
    if (s.op().se()) {
      long h = s.hidden();
      long r = s.se();
      layers.add(new LayerCost(p + "se.reduce", i, h * r, h * r + r));
      layers.add(new LayerCost(p + "se.expand", i, r * h, r * h + h));
    }
    layers.add(conv(p + "project", i, 1, s.hidden(), b.outChannels(), b.outResolution(), 1));
  }

  /** A bias-free conv followed by BN. */
  private static LayerCost conv(String name, int block, int k, int in, int out, int outRes, int groups) {
    long weights = (long) k * k * (in / groups) * out;
    long macs = weights * outRes * outRes;
    return new LayerCost(name, block, macs, weights + 2L * out);
  }
}
