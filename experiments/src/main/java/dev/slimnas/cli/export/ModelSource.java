package dev.slimnas.cli.export;

import dev.slimnas.cli.train.RunData;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.data.Cifar10;
import dev.slimnas.supernet.data.Normalization;
import dev.slimnas.supernet.train.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ParameterException;

/**
 * A trained DL4J network with what an export needs besides its weights: the architecture it was translated
 * from and the input normalisation it was trained with. Found from a run folder of {@code slimnas train}
 * ({@code model.zip} or the last checkpoint, {@code arch.json}, {@code data.json}), a search folder of
 * {@code slimnas search --train-epochs} ({@code final/model.zip}, the search's {@code arch.json}, the
 * normalisation of the 50,000 CIFAR-10 training images the final network was trained on), or a model zip
 * inside either; {@code --arch} and {@code --data} override.
 *
 * @param normalizationSource where the normalisation came from, for the provenance record
 */
record ModelSource(Path model, ArchSpec arch, Normalization normalization, String normalizationSource) {

  static ModelSource resolve(Path given, Path archFile, Path dataFile, picocli.CommandLine cl) {
    if (!Files.exists(given)) {
      throw new ParameterException(cl, "--model " + given + ": no such file or folder");
    }
    Path model;
    Path runDir;
    if (Files.isDirectory(given)) {
      RunFolder run = new RunFolder(given);
      if (Files.exists(run.model())) {
        model = run.model();
        runDir = given;
      } else if (run.hasCheckpoint()) {
        model = run.checkpointModel();
        runDir = given;
      } else if (Files.exists(given.resolve("final").resolve("model.zip"))) {
        model = given.resolve("final").resolve("model.zip");
        runDir = given.resolve("final");
      } else {
        throw new ParameterException(cl, "--model " + given + ": a folder without model.zip, checkpoint/last.zip or"
            + " final/model.zip (a run of 'slimnas train' or a search with --train-epochs)");
      }
    } else {
      model = given;
      Path parent = given.toAbsolutePath().getParent();
      runDir = parent.getFileName() != null && parent.getFileName().toString().equals("checkpoint") ? parent.getParent() : parent;
    }
    Path searchDir = runDir.getFileName() != null && runDir.getFileName().toString().equals("final")
        && Files.exists(runDir.getParent().resolve("search.json")) ? runDir.getParent() : null;

    Path archPath = archFile != null ? archFile
        : Files.exists(runDir.resolve("arch.json")) ? runDir.resolve("arch.json")
        : searchDir != null && Files.exists(searchDir.resolve("arch.json")) ? searchDir.resolve("arch.json") : null;
    if (archPath == null) {
      throw new ParameterException(cl, "no arch.json beside " + model + " (looked in " + runDir
          + (searchDir != null ? " and " + searchDir : "") + "); pass the network's architecture with --arch FILE");
    }
    ArchSpec arch = SpecFiles.readArch(archPath);

    Normalization norm;
    String normSource;
    Path dataPath = dataFile != null ? dataFile : runDir.resolve("data.json");
    if (Files.exists(dataPath) || dataFile != null) {
      norm = RunData.read(dataPath).normalization();
      normSource = dataPath.toString();
    } else if (searchDir != null) {
      norm = Cifar10.load().finalTraining().normalization();
      normSource = "CIFAR-10, all 50,000 training images (the search's final training)";
    } else {
      throw new ParameterException(cl, "no data.json beside " + model + " (looked in " + runDir + "), so the input"
          + " normalisation is unknown; pass the run's data.json with --data FILE");
    }
    return new ModelSource(model, arch, norm, normSource);
  }
}
