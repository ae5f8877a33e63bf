package dev.slimnas.supernet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.slimnas.space.ref.ReferenceNetworks;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.data.BatchSource;
import dev.slimnas.supernet.data.Cifar10;
import dev.slimnas.supernet.data.ImageDataset;
import dev.slimnas.supernet.data.SearchData;
import dev.slimnas.supernet.net.Networks;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer on real data and a real translated network (MobileNetV2-CIFAR x0.5, custom layers
 * included): a run killed mid-epoch and resumed ends with the same parameters as an uninterrupted one.
 * Measured 4-10 minutes on a busy 2-core machine (throughput here is not a benchmark).
 */
@Tag("slow")
class TrainerCifarSlowTest {

  @Test
  void resumedMobileNetV2RunOnACifarSubsetMatchesTheUninterruptedRun(@TempDir Path tmp) {
    SearchData data = Cifar10.load().search();
    ImageDataset train = perClass(data.train(), 20, "cifar10 search-train, first 20 per class");
    ImageDataset val = perClass(data.validation(), 10, "cifar10 validation, first 10 per class");
    ArchSpec arch = ReferenceNetworks.mobileNetV2Cifar(0.5);
    TrainConfig config = TrainConfig.cifarDefaults().withEpochs(2).withBatchSize(32).withCheckpointEverySteps(4)
        .withSchedule(new LrSchedule.Cosine(0.5, 0));
    NetworkFactory factory = s -> Networks.build(arch, s);

    BatchSource batches = Trainer.trainingBatches(train, data.normalization(), config);
    BatchSource eval = BatchSource.evaluation(val, 64, data.normalization());
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    TrainResult ra = Trainer.builder(config, factory, batches, a).evaluation(eval).build().train();
    assertThrows(IllegalStateException.class,
        () -> Trainer.builder(config, factory, batches, b).evaluation(eval).listener(new TrainerTest.Killer(9)).build().train());
    assertEquals(8, new RunFolder(b).readCheckpoint().state().step(), "resumes mid-epoch 1");
    TrainResult rb = Trainer.builder(config, factory, batches, b).evaluation(eval).build().resume();

    System.out.printf("MobileNetV2-CIFAR x0.5, %d steps: train %.1f img/s, eval %.0f img/s, eval accuracy %.3f, %.1f s%n",
        ra.steps(), ra.imagesPerSecond(), ra.eval().imagesPerSecond(), ra.eval().accuracy(), ra.seconds());
    assertEquals(12, rb.steps());
    assertEquals(100, rb.eval().images());
    assertArrayEquals(TrainerTest.params(new RunFolder(a).model()), TrainerTest.params(new RunFolder(b).model()));
    assertEquals(ra.eval().loss(), rb.eval().loss());
    assertEquals(ra.eval().accuracy(), rb.eval().accuracy());
  }

  /** The first {@code n} images of every class, in dataset order (the splits may be sorted by class). */
  static ImageDataset perClass(ImageDataset d, int n, String source) {
    int[] taken = new int[d.numClasses()];
    int[] idx = IntStream.range(0, d.size()).filter(i -> taken[d.labels()[i]]++ < n).toArray();
    assertEquals(n * d.numClasses(), idx.length);
    return d.subset(idx, source);
  }
}
