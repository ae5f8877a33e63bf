package dev.slimnas.cli;

import dev.slimnas.space.io.RunLock;
import java.nio.file.Path;

/** A second process for {@link RunFolderLockingTest}: locks the folder {@code args[0]}, says so, and holds it until killed. */
public final class RunFolderHolder {
  private RunFolderHolder() {}

  public static void main(String[] args) throws InterruptedException {
    RunLock.acquire(Path.of(args[0]), "slimnas test-holder", System.err::println);
    System.out.println("locked");
    System.out.flush();
    Thread.sleep(120_000);
  }
}
