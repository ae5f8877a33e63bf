package dev.slimnas.supernet.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;

/** The running form of {@link ChannelScaleVertex}: {@code y = x * g[:, :, None, None]}. */
final class ChannelScaleVertexImpl extends BaseGraphVertex {

  ChannelScaleVertexImpl(ComputationGraph graph, String name, int index, DataType dataType) {
    super(graph, name, index, null, null, dataType);
  }

  @Override
  public boolean hasLayer() {
    return false;
  }

  @Override
  public Layer getLayer() {
    return null;
  }

  @Override
  public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
    if (!canDoForward()) {
      throw new IllegalStateException("ChannelScaleVertex " + vertexName + ": inputs not set");
    }
    INDArray x = inputs[0];
    INDArray g = gate(x);
    INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
    Nd4j.getExecutioner().exec(new BroadcastMulOp(x, g, out, 0, 1));
    return out;
  }

  @Override
  public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
    if (!canDoBackward()) {
      throw new IllegalStateException("ChannelScaleVertex " + vertexName + ": errors not set");
    }
    INDArray x = inputs[0];
    INDArray g = gate(x);
    INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape(), 'c');
    Nd4j.getExecutioner().exec(new BroadcastMulOp(epsilon, g, dx, 0, 1));
    INDArray dg = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), inputs[1].shape(), 'c');
    INDArray prod = epsilon.mul(x);
    dg.assign(prod.sum(2, 3).reshape(inputs[1].shape()));
    return new Pair<>(null, new INDArray[] {dx, dg});
  }

  /** The gate as [N, C], whatever rank it arrives in. */
  private INDArray gate(INDArray x) {
    INDArray g = inputs[1];
    if (g.rank() != 2) {
      g = g.reshape(x.size(0), x.size(1));
    }
    if (g.dataType() != x.dataType()) {
      g = g.castTo(x.dataType());
    }
    return g;
  }

  @Override
  public void setBackpropGradientsViewArray(INDArray view) {
    if (view != null) {
      throw new IllegalStateException("ChannelScaleVertex has no parameters");
    }
  }

  @Override
  public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] masks, MaskState state, int minibatchSize) {
    return masks == null || masks.length == 0 ? null : new Pair<>(masks[0], state);
  }

  @Override
  public String toString() {
    return "ChannelScaleVertex(name=" + vertexName + ")";
  }
}
