package dev.slimnas.supernet.data;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Defines the batches of a dataset for every epoch as a pure function of (seed, epoch, batch index):
 * the epoch's order is a shuffle seeded by hashing (seed, "shuffle", epoch), and each batch's
 * augmentation draws from a generator seeded by hashing (seed, "augment", epoch, index). So any batch can
 * be recomputed exactly, on any thread, which makes prefetching deterministic and resuming exact.
 */
public final class BatchSource {
  private final ImageDataset data;
  private final int batchSize;
  private final Normalization normalization;
  private final long seed;
  private final Augmentation augmentation;
  private final boolean shuffle;
  private final boolean dropLast;
  private volatile EpochOrder cachedOrder;

  private record EpochOrder(int epoch, int[] order) {}

  private BatchSource(Builder b) {
    this.data = b.data;
    this.batchSize = b.batchSize;
    this.normalization = b.normalization;
    this.seed = b.seed;
    this.augmentation = b.augmentation;
    this.shuffle = b.shuffle;
    this.dropLast = b.dropLast;
    if (normalization.channels() != data.channels()) {
      throw new IllegalArgumentException("normalisation has " + normalization.channels() + " channels, data " + data.channels());
    }
    if (batchesPerEpoch() == 0) {
      throw new IllegalArgumentException(data.source() + ": " + data.size() + " images give no batch of " + batchSize);
    }
  }

  /** Starts a source: by default no shuffle, no augmentation, last partial batch kept, seed 0. */
  public static Builder builder(ImageDataset data, int batchSize, Normalization normalization) {
    return new Builder(data, batchSize, normalization);
  }

  /** Training batches: shuffled per epoch, CIFAR augmentation (pad 4, crop, flip), last partial batch dropped. */
  public static BatchSource training(ImageDataset data, int batchSize, Normalization normalization, long seed) {
    return builder(data, batchSize, normalization).seed(seed).shuffle(true).augmentation(Augmentation.CIFAR).dropLast(true).build();
  }

  /** Evaluation batches: dataset order, no augmentation, every image once. */
  public static BatchSource evaluation(ImageDataset data, int batchSize, Normalization normalization) {
    return builder(data, batchSize, normalization).build();
  }

  public ImageDataset data() {
    return data;
  }

  public int batchSize() {
    return batchSize;
  }

  public Normalization normalization() {
    return normalization;
  }

  public int batchesPerEpoch() {
    return dropLast ? data.size() / batchSize : (data.size() + batchSize - 1) / batchSize;
  }

  /** The order of the images in {@code epoch} (identity without shuffle). */
  public int[] order(int epoch) {
    EpochOrder o = cachedOrder;
    if (o != null && o.epoch() == epoch) {
      return o.order();
    }
    int[] idx = new int[data.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    if (shuffle) {
      SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, "shuffle", epoch));
      for (int i = idx.length - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
      }
    }
    cachedOrder = new EpochOrder(epoch, idx);
    return idx;
  }

  /** Batch {@code index} of {@code epoch}, computed from scratch. */
  public Batch batch(int epoch, int index) {
    if (epoch < 0 || index < 0 || index >= batchesPerEpoch()) {
      throw new IndexOutOfBoundsException("batch " + index + " of epoch " + epoch + " (epochs have " + batchesPerEpoch() + " batches)");
    }
    int[] order = order(epoch);
    int from = index * batchSize;
    int n = Math.min(batchSize, data.size() - from);
    int b = data.imageBytes();
    float[] x = new float[n * b];
    int[] y = new int[n];
    SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, "augment", epoch, index));
    for (int k = 0; k < n; k++) {
      int i = order[from + k];
      augmentation.apply(data, i, normalization, rng, x, k * b);
      y[k] = data.labels()[i];
    }
    return new Batch(x, y, data.channels(), data.height(), data.width(), data.numClasses(), epoch, index);
  }

  /** Prefetching iterator over the rest of {@code epoch} starting at batch {@code fromBatch}. */
  public BatchIterator epoch(int epoch, int fromBatch) {
    return new BatchIterator(this, epoch, fromBatch, epoch + 1, BatchIterator.DEFAULT_PREFETCH);
  }

  /** Settings of a {@link BatchSource}. */
  public static final class Builder {
    private final ImageDataset data;
    private final int batchSize;
    private final Normalization normalization;
    private long seed;
    private Augmentation augmentation = Augmentation.NONE;
    private boolean shuffle;
    private boolean dropLast;

    private Builder(ImageDataset data, int batchSize, Normalization normalization) {
      this.data = Objects.requireNonNull(data, "data");
      this.normalization = Objects.requireNonNull(normalization, "normalization");
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
      }
      this.batchSize = batchSize;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder augmentation(Augmentation augmentation) {
      this.augmentation = Objects.requireNonNull(augmentation);
      return this;
    }

    public Builder shuffle(boolean shuffle) {
      this.shuffle = shuffle;
      return this;
    }

    public Builder dropLast(boolean dropLast) {
      this.dropLast = dropLast;
      return this;
    }

    public BatchSource build() {
      return new BatchSource(this);
    }
  }
}
