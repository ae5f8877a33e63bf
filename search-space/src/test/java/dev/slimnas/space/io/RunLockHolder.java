package dev.slimnas.space.io;

import java.nio.file.Path;

/** A second process for {@link RunLockTest}: locks the folder {@code args[0]}, says so, and holds it until killed. */
public final class RunLockHolder {
  private RunLockHolder() {}

  public static void main(String[] args) throws InterruptedException {
    RunLock lock = RunLock.acquire(Path.of(args[0]), "slimnas test-holder", System.err::println);
    System.out.println("locked " + lock.file());
    System.out.flush();
    Thread.sleep(120_000);
  }
}
