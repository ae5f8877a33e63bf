package dev.slimnas.supernet.data;

import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adapts one epoch of a {@link BatchSource} (from a start batch) to ND4J's {@link DataSetIterator}:
 * features {@code [N, C, H, W]} float, labels one-hot {@code [N, classes]} float. {@link #reset()}
 * restarts the epoch at batch 0; prefetching is done here, so {@link #asyncSupported()} is false.
 */
public final class Nd4jBatches implements DataSetIterator, AutoCloseable {
  private static final long serialVersionUID = 1L;

  private final transient BatchSource source;
  private final int epoch;
  private transient BatchIterator iterator;
  private transient DataSetPreProcessor preProcessor;

  public Nd4jBatches(BatchSource source, int epoch, int fromBatch) {
    this.source = Objects.requireNonNull(source, "source");
    this.epoch = epoch;
    this.iterator = source.epoch(epoch, fromBatch);
  }

  /** A batch as an ND4J data set. */
  public static DataSet toDataSet(Batch b) {
    return new DataSet(Nd4j.create(b.features(), b.shape(), 'c'),
        Nd4j.create(b.oneHot(), new long[] {b.size(), b.numClasses()}, 'c'));
  }

  @Override
  public boolean hasNext() {
    return iterator.hasNext();
  }

  @Override
  public DataSet next() {
    DataSet ds = toDataSet(iterator.next());
    if (preProcessor != null) {
      preProcessor.preProcess(ds);
    }
    return ds;
  }

  @Override
  public DataSet next(int num) {
    throw new UnsupportedOperationException("batch size is fixed by the BatchSource (" + source.batchSize() + ")");
  }

  @Override
  public int inputColumns() {
    ImageDataset d = source.data();
    return d.channels() * d.height() * d.width();
  }

  @Override
  public int totalOutcomes() {
    return source.data().numClasses();
  }

  @Override
  public boolean resetSupported() {
    return true;
  }

  @Override
  public boolean asyncSupported() {
    return false;
  }

  @Override
  public void reset() {
    iterator.close();
    iterator = source.epoch(epoch, 0);
  }

  @Override
  public int batch() {
    return source.batchSize();
  }

  @Override
  public void setPreProcessor(DataSetPreProcessor preProcessor) {
    this.preProcessor = preProcessor;
  }

  @Override
  public DataSetPreProcessor getPreProcessor() {
    return preProcessor;
  }

  @Override
  public List<String> getLabels() {
    return source.data().classes();
  }

  /** Stops the prefetching thread. */
  @Override
  public void close() {
    iterator.close();
  }
}
