package dev.slimnas.supernet.train;

/**
 * What one optimizer step did. Loss and accuracy come from the step's own training-mode forward pass.
 *
 * @param epoch 0-based epoch
 * @param batch 0-based batch index within the epoch
 * @param step 0-based global step (DL4J's iteration count when the step ran)
 * @param loss cross-entropy against the (smoothed) targets, mean over the batch, without the weight-decay term
 * @param accuracy fraction of the batch whose arg-max class is the label
 * @param lr learning rate the step used
 * @param images images in the batch
 * @param seconds wall time of the step: waiting for the batch, the fit and the statistics
 * @param imagesPerSecond {@code images / seconds}
 * @param epochLoss running mean loss over the epoch so far (weighted by images)
 * @param epochAccuracy running accuracy over the epoch so far
 */
public record StepResult(
    int epoch,
    int batch,
    long step,
    double loss,
    double accuracy,
    double lr,
    int images,
    double seconds,
    double imagesPerSecond,
    double epochLoss,
    double epochAccuracy) {}
