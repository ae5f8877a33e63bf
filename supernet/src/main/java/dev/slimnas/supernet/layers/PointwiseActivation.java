package dev.slimnas.supernet.layers;

/**
 * Activations the fused layers apply. Each maps a pre-activation {@code z} to {@code f(z)} and gives
 * the derivative from the pre-activation, so a backward pass can recompute it instead of storing it.
 */
public enum PointwiseActivation {
  IDENTITY {
    @Override
    public double apply(double z) {
      return z;
    }

    @Override
    public double derivative(double z) {
      return 1;
    }
  },
  RELU {
    @Override
    public double apply(double z) {
      return z > 0 ? z : 0;
    }

    @Override
    public double derivative(double z) {
      return z > 0 ? 1 : 0;
    }
  },
  RELU6 {
    @Override
    public double apply(double z) {
      return z > 0 ? (z < 6 ? z : 6) : 0;
    }

    @Override
    public double derivative(double z) {
      return z > 0 && z < 6 ? 1 : 0;
    }
  };

  public abstract double apply(double z);

  public abstract double derivative(double z);
}
