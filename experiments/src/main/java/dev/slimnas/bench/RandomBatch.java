package dev.slimnas.bench;

import dev.slimnas.space.spec.ArchSpec;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One batch of random data in the shape of an architecture's input, the same shapes the PyTorch side
 * uses: features {@code batch x C x R x R} float from N(0, 1), labels uniform over the classes, one-hot.
 */
public record RandomBatch(INDArray features, INDArray labels) {

  /** A batch drawn from {@code seed}. */
  public static RandomBatch of(ArchSpec arch, int batch, long seed) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be >= 1, got " + batch);
    }
    int c = arch.input().channels();
    int r = arch.input().resolution();
    int classes = arch.classes();
    SplittableRandom rng = new SplittableRandom(seed);
    float[] x = new float[batch * c * r * r];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) gaussian(rng);
    }
    float[] y = new float[batch * classes];
    for (int b = 0; b < batch; b++) {
      y[b * classes + rng.nextInt(classes)] = 1f;
    }
    return new RandomBatch(Nd4j.create(x, new long[] {batch, c, r, r}, 'c'), Nd4j.create(y, new long[] {batch, classes}, 'c'));
  }

  private static double gaussian(SplittableRandom rng) {
    // Box-Muller; one value per call is enough for benchmark data
    double u = 1.0 - rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
  }
}
