package dev.slimnas.supernet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageDatasetTest {

  /** Two 2-channel 4x4 images with distinct values everywhere. */
  private static ImageDataset data() {
    byte[] p = new byte[2 * 2 * 4 * 4];
    for (int i = 0; i < p.length; i++) {
      p[i] = (byte) ((i * 37) % 256);
    }
    return new ImageDataset(p, new int[] {1, 0}, 4, 4, 2, List.of("a", "b"), "synthetic");
  }

  @Test
  void downscaledAveragesEachBoxAndKeepsLabels() {
    ImageDataset d = data();
    ImageDataset s = d.downscaled(2);
    assertEquals(2, s.height());
    assertEquals(2, s.width());
    assertEquals(2, s.channels());
    assertArrayEquals(d.labels(), s.labels());
    for (int i = 0; i < 2; i++) {
      for (int c = 0; c < 2; c++) {
        for (int y = 0; y < 2; y++) {
          for (int x = 0; x < 2; x++) {
            int sum = d.pixel(i, c, 2 * y, 2 * x) + d.pixel(i, c, 2 * y + 1, 2 * x)
                + d.pixel(i, c, 2 * y, 2 * x + 1) + d.pixel(i, c, 2 * y + 1, 2 * x + 1);
            assertEquals(Math.round(sum / 4.0 + 1e-9), s.pixel(i, c, y, x), "image " + i + " channel " + c + " at " + y + "," + x);
          }
        }
      }
    }
    assertTrue(s.source().contains("downscaled 1/2"));
  }

  @Test
  void factorOneIsIdentityAndBadFactorsAreRefused() {
    ImageDataset d = data();
    assertSame(d, d.downscaled(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.downscaled(3));
    assertTrue(e.getMessage().contains("synthetic") && e.getMessage().contains("4x4"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> d.downscaled(0));
  }
}
