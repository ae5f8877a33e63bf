package dev.slimnas.supernet.train;

/**
 * One evaluation pass: mean cross-entropy against the hard labels, top-1 accuracy, images seen and
 * throughput. {@link #NONE} (0 images) stands for "not evaluated".
 *
 * @param loss mean cross-entropy (natural log) over the images
 * @param accuracy fraction of images whose arg-max class is the label
 * @param images number of images evaluated
 * @param imagesPerSecond throughput of the pass (inference mode, including data preparation waits)
 */
public record EvalResult(double loss, double accuracy, long images, double imagesPerSecond) {
  /** No evaluation. */
  public static final EvalResult NONE = new EvalResult(0, 0, 0, 0);

  public EvalResult {
    Checks.atLeast("images", images, 0);
  }

  /** False for {@link #NONE}. */
  public boolean evaluated() {
    return images > 0;
  }
}
