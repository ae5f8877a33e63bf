package dev.slimnas.space.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
  @TempDir
  Path tmp;

  @Nested
  class OneProcess {
    @Test
    void namesItsHolderWhileHeldAndIsEmptiedOnClose() throws Exception {
      Path run = Files.createDirectories(tmp.resolve("run"));
      List<String> notices = new ArrayList<>();
      try (RunLock lock = RunLock.acquire(run, "slimnas train", notices::add)) {
        String text = Files.readString(lock.file());
        assertTrue(text.contains("pid=" + ProcessHandle.current().pid()), text);
        assertTrue(text.contains("command=slimnas train"), text);
      }
      assertEquals("", Files.readString(run.resolve(RunLock.FILE)));
      assertEquals(List.of(), notices);
    }

    @Test
    void isReentrantWithinTheJvmAndReleasedByTheLastHolder() throws Exception {
      Path run = Files.createDirectories(tmp.resolve("run"));
      RunLock outer = RunLock.acquire(run, "slimnas search", s -> {});
      try (RunLock inner = RunLock.acquire(run, "Trainer", s -> {})) {
        assertTrue(Files.readString(inner.file()).contains("slimnas search"), "the first holder stays named");
      }
      assertTrue(Files.readString(outer.file()).contains("slimnas search"), "still held by the outer holder");
      outer.close();
      assertEquals("", Files.readString(run.resolve(RunLock.FILE)));
    }

    @Test
    void aFolderTheLockCreatedAndNothingWroteIntoIsRemovedOnClose() throws Exception {
      Path empty = tmp.resolve("empty");
      RunLock.acquire(empty, "slimnas train", s -> {}).close();
      assertFalse(Files.exists(empty), "a command that refused its input leaves nothing behind");
      Path used = tmp.resolve("used");
      try (RunLock lock = RunLock.acquire(used, "slimnas train", s -> {})) {
        Files.writeString(used.resolve("train.json"), "{}");
      }
      assertTrue(Files.exists(used.resolve("train.json")));
    }

    @Test
    void aFileNamingAHolderButNotLockedIsAStaleLock() throws Exception {
      Path run = tmp.resolve("run");
      Files.createDirectories(run);
      Files.writeString(run.resolve(RunLock.FILE), "pid=99999\nhost=elsewhere\ncommand=slimnas train\nstarted=2026-01-01T00:00:00Z\n");
      List<String> notices = new ArrayList<>();
      RunLock.acquire(run, "slimnas train", notices::add).close();
      assertEquals(1, notices.size());
      assertTrue(notices.get(0).contains("taking over stale lock of PID 99999 on host elsewhere"), notices.get(0));
    }
  }

  @Test
  void aSecondProcessIsRefusedNamingTheHolderAndAKilledHolderLeavesAStaleLock() throws Exception {
    Path run = tmp.resolve("run");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), RunLockHolder.class.getName(),
        run.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertTrue(line != null && line.startsWith("locked"), "the child took the lock: " + line);

      RunLock.InUseException e = assertThrows(RunLock.InUseException.class, () -> RunLock.acquire(run, "slimnas train", s -> {}));
      assertTrue(e.getMessage().startsWith(run + ": run folder is in use by PID " + child.pid() + " on host "), e.getMessage());
      assertTrue(e.getMessage().contains("(slimnas test-holder, started "), e.getMessage());
    } finally {
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
    List<String> notices = new ArrayList<>();
    try (RunLock lock = RunLock.acquire(run, "slimnas train", notices::add)) {
      assertEquals(1, notices.size(), notices.toString());
      assertTrue(notices.get(0).contains("taking over stale lock of PID " + child.pid() + " on host "), notices.get(0));
    }
  }
}
