package dev.slimnas.supernet.train;

import dev.slimnas.space.io.AtomicFiles;
import dev.slimnas.space.io.Checksums;
import dev.slimnas.space.io.Provenance;
import dev.slimnas.space.io.RunFolderException;
import dev.slimnas.space.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The checkpoints of a run, {@code RUN/checkpoint/}, committed one generation at a time:
 *
 * <pre>
 * checkpoint/gen-000007/model.zip                  network + updater state
 * checkpoint/gen-000007/model.zip.provenance.json
 * checkpoint/gen-000007/state.json                 the {@link Checkpoint}: TrainState + SHA-256 of model.zip
 * checkpoint/LATEST                                the {@link CheckpointPointer}: committed generation + SHA-256s
 * </pre>
 *
 * <p>A generation is written into {@code .gen-000007.tmp/}, flushed, renamed into place, and then committed
 * by writing {@code LATEST} atomically (temporary file, flush, rename, folder flush). Only then are older
 * generations removed, keeping the newest {@value #KEEP} committed ones. A kill at any moment therefore
 * leaves the previous committed checkpoint intact; folders not named by {@code LATEST} (temporaries, a
 * renamed generation whose pointer was never written) are uncommitted and removed on {@link #recover}.
 * When the generation {@code LATEST} names is damaged, {@link #recover} falls back to the newest complete
 * earlier one and says so. Folders of the previous layout ({@code last.zip} + {@code last.json}) are still
 * read; their files are removed once the first generation is committed.
 */
public final class CheckpointStore {
  public static final String POINTER = "LATEST";
  public static final String STATE = "state.json";
  public static final String MODEL = "model.zip";
  /** The write boundaries of one checkpoint, in order, as handed to the {@link WriteBarrier}. */
  public static final List<String> BOUNDARIES = List.of("model", "provenance", "state", "rename", "pointer", "prune", "committed");
  /** Committed generations kept (the newest and the one before, to fall back to). */
  static final int KEEP = 2;

  private static final Pattern GENERATION = Pattern.compile("gen-(\\d{6,})");
  private static final String LEGACY_STATE = "last.json";
  private static final String LEGACY_MODEL = "last.zip";

  private final Path dir;
  private final WriteBarrier barrier;

  /** A verified checkpoint: its document and its network file. */
  public record Loaded(Checkpoint checkpoint, Path model) {
    public TrainState state() {
      return checkpoint.state();
    }
  }

  public CheckpointStore(Path dir) {
    this(dir, WriteBarrier.NONE);
  }

  public CheckpointStore(Path dir, WriteBarrier barrier) {
    this.dir = dir;
    this.barrier = barrier;
  }

  public Path dir() {
    return dir;
  }

  public Path pointer() {
    return dir.resolve(POINTER);
  }

  /** True when a checkpoint was committed (the pointer, or a checkpoint of the previous layout, exists). */
  public boolean hasCheckpoint() {
    return Files.exists(pointer()) || Files.exists(dir.resolve(LEGACY_STATE));
  }

  /** The committed checkpoint, verified (read-only); a {@link RunFolderException} naming the problem otherwise. */
  public Loaded committed() {
    if (Files.exists(pointer())) {
      CheckpointPointer p = readPointer();
      return verify(dir.resolve(p.generation()), p);
    }
    if (Files.exists(dir.resolve(LEGACY_STATE))) {
      return legacy();
    }
    throw new RunFolderException(run() + ": no checkpoint was committed (" + pointer() + " is missing)");
  }

  /** The committed checkpoint's network file, not verified (for messages), or null when there is none. */
  public Path lastModel() {
    try {
      if (Files.exists(pointer())) {
        return dir.resolve(readPointer().generation()).resolve(MODEL);
      }
    } catch (RuntimeException e) {
      return null;
    }
    return Files.exists(dir.resolve(LEGACY_STATE)) ? dir.resolve(LEGACY_MODEL) : null;
  }

  /**
   * The checkpoint to resume from, for the run's single writer: the committed generation, or when it is
   * damaged the newest complete earlier one (said to {@code notices}, and the pointer rewritten to it).
   * Uncommitted folders are removed. Empty when no checkpoint was ever committed.
   *
   * @throws RunFolderException when a checkpoint was committed but none is usable
   */
  public Optional<Loaded> recover(Consumer<String> notices) {
    removeTemporaries();
    if (!Files.exists(pointer())) {
      if (Files.exists(dir.resolve(LEGACY_STATE))) {
        return Optional.of(legacy());
      }
      generations().forEach(g -> delete(dir.resolve(name(g))));
      return Optional.empty();
    }
    CheckpointPointer p = null;
    String problem;
    try {
      p = readPointer();
      Loaded l = verify(dir.resolve(p.generation()), p);
      deleteAbove(sequence(p.generation()));
      return Optional.of(l);
    } catch (RuntimeException e) {
      problem = e.getMessage();
    }
    int below = p == null ? Integer.MAX_VALUE : sequence(p.generation());
    List<Integer> older = new ArrayList<>(generations());
    older.sort(Comparator.reverseOrder());
    for (int g : older) {
      if (g >= below) {
        continue;
      }
      Loaded l;
      try {
        l = verify(dir.resolve(name(g)), null);
      } catch (RuntimeException e) {
        continue;
      }
      notices.accept(run() + ": checkpoint " + (p == null ? POINTER : p.generation()) + " is damaged (" + oneLine(problem)
          + "); falling back to " + name(g) + " (step " + l.state().step() + ")");
      deleteAbove(g);
      writePointer(name(g), l);
      return Optional.of(l);
    }
    throw new RunFolderException(run() + ": no usable checkpoint: " + oneLine(problem)
        + "; no complete earlier checkpoint is left. Start the run again with another --out");
  }

  /**
   * Writes and commits a checkpoint of {@code graph} at {@code state}; {@code provenance} makes the
   * record written beside the network file. Returns the committed network file.
   */
  public Path write(ComputationGraph graph, TrainState state, Function<Path, Provenance> provenance) {
    try {
      Files.createDirectories(dir);
      removeTemporaries();
      String name = name(generations().stream().mapToInt(Integer::intValue).max().orElse(0) + 1);
      Path tmp = dir.resolve("." + name + ".tmp");
      Files.createDirectories(tmp);
      barrier.reached("model");
      Path zip = tmp.resolve(MODEL);
      String modelSha = GraphFiles.write(graph, zip, true);
      barrier.reached("provenance");
      provenance.apply(zip).writeBeside(zip);
      barrier.reached("state");
      Json.write(tmp.resolve(STATE), Checkpoint.SCHEMA, Checkpoint.VERSION, new Checkpoint(state, MODEL, modelSha));
      String stateSha = Checksums.sha256(tmp.resolve(STATE));
      AtomicFiles.syncDirectory(tmp);
      barrier.reached("rename");
      Path gen = dir.resolve(name);
      move(tmp, gen);
      AtomicFiles.syncDirectory(dir);
      barrier.reached("pointer");
      Json.write(pointer(), CheckpointPointer.SCHEMA, CheckpointPointer.VERSION,
          new CheckpointPointer(name, state.step(), stateSha, modelSha));
      barrier.reached("prune");
      prune(sequence(name));
      barrier.reached("committed");
      return gen.resolve(MODEL);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a checkpoint in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Removes every checkpoint file (a new run in a folder that holds no committed checkpoint). */
  void clearUncommitted() {
    if (hasCheckpoint()) {
      throw new IllegalStateException(dir + " holds a committed checkpoint");
    }
    if (Files.isDirectory(dir)) {
      removeTemporaries();
      generations().forEach(g -> delete(dir.resolve(name(g))));
    }
  }

  private void writePointer(String generation, Loaded l) {
    Path state = dir.resolve(generation).resolve(STATE);
    Json.write(pointer(), CheckpointPointer.SCHEMA, CheckpointPointer.VERSION,
        new CheckpointPointer(generation, l.state().step(), Checksums.sha256(state), l.checkpoint().modelSha256()));
  }

  private CheckpointPointer readPointer() {
    return Json.read(pointer(), CheckpointPointer.SCHEMA, CheckpointPointer.VERSION, CheckpointPointer.class);
  }

  /** Reads a generation and checks its files against each other and, if given, against the pointer. */
  private Loaded verify(Path gen, CheckpointPointer p) {
    Path state = gen.resolve(STATE);
    if (!Files.isRegularFile(state)) {
      throw new RunFolderException(state + " is missing");
    }
    if (p != null) {
      String sha = Checksums.sha256(state);
      if (!sha.equals(p.stateSha256())) {
        throw new RunFolderException(state + ": SHA-256 " + sha + " differs from " + p.stateSha256() + " recorded in " + pointer());
      }
    }
    Checkpoint c = Json.read(state, Checkpoint.SCHEMA, Checkpoint.VERSION, Checkpoint.class);
    return checkModel(c, gen.resolve(c.model()), state);
  }

  private Loaded legacy() {
    Path state = dir.resolve(LEGACY_STATE);
    Checkpoint c = Json.read(state, Checkpoint.SCHEMA, Checkpoint.VERSION, Checkpoint.class);
    try {
      return checkModel(c, dir.resolve(c.model()), state);
    } catch (RunFolderException e) {
      throw new RunFolderException(e.getMessage() + " (a checkpoint of the previous layout, torn by a kill while it was"
          + " written; it cannot be recovered: start the run again with another --out)", e);
    }
  }

  private static Loaded checkModel(Checkpoint c, Path zip, Path state) {
    if (!Files.isRegularFile(zip)) {
      throw new RunFolderException(state + ": names network " + zip + ", which does not exist");
    }
    String sha = Checksums.sha256(zip);
    if (!sha.equals(c.modelSha256())) {
      throw new RunFolderException(zip + ": SHA-256 " + sha + " differs from " + c.modelSha256() + " recorded in " + state);
    }
    return new Loaded(c, zip);
  }

  /** Keeps the {@value #KEEP} newest generations up to {@code newest}; removes the previous layout's files. */
  private void prune(int newest) {
    List<Integer> gens = new ArrayList<>(generations());
    gens.sort(Comparator.reverseOrder());
    int kept = 0;
    for (int g : gens) {
      if (g <= newest && ++kept > KEEP) {
        delete(dir.resolve(name(g)));
      }
    }
    for (String legacy : List.of(LEGACY_STATE, LEGACY_MODEL, LEGACY_MODEL + ".provenance.json")) {
      try {
        Files.deleteIfExists(dir.resolve(legacy));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove " + dir.resolve(legacy) + ": " + e.getMessage(), e);
      }
    }
  }

  private void deleteAbove(int generation) {
    generations().stream().filter(g -> g > generation).forEach(g -> delete(dir.resolve(name(g))));
  }

  /** Sequence numbers of the generation folders present. */
  private List<Integer> generations() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<Integer> out = new ArrayList<>();
      s.filter(Files::isDirectory).forEach(p -> {
        Matcher m = GENERATION.matcher(p.getFileName().toString());
        if (m.matches()) {
          out.add(Integer.parseInt(m.group(1)));
        }
      });
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Removes what an interrupted write or removal left: {@code .*.tmp} and {@code .*.del} entries. */
  private void removeTemporaries() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        String n = p.getFileName().toString();
        if (n.startsWith(".") && (n.endsWith(".tmp") || n.endsWith(".del"))) {
          deleteTree(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Renames a generation aside first, so a half-removed one never looks like a generation. */
  private void delete(Path gen) {
    Path aside = dir.resolve("." + gen.getFileName() + ".del");
    try {
      deleteTree(aside);
      move(gen, aside);
      deleteTree(aside);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + gen + ": " + e.getMessage(), e);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  private static void deleteTree(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + p + ": " + e.getMessage(), e);
    }
  }

  private Path run() {
    return dir.getParent() != null ? dir.getParent() : dir;
  }

  private static String name(int sequence) {
    return String.format("gen-%06d", sequence);
  }

  private static int sequence(String generation) {
    Matcher m = GENERATION.matcher(generation);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a generation: " + generation);
    }
    return Integer.parseInt(m.group(1));
  }

  private static String oneLine(String s) {
    return s == null ? "unreadable" : s.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
