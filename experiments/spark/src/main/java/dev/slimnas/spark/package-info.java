/**
 * The Spark runner of experiment trials ({@link dev.slimnas.spark.SparkRunner}): one trial per Spark task, results
 * collected back to the driver, retries through Spark's task retry resuming from the trial's own checkpoint, and on
 * the executors ({@link dev.slimnas.spark.ExecutorTrials}) one DL4J trial per JVM at a time, ND4J threads set to the
 * executor's cores and data loaded once per JVM. The only package of the project that imports Spark.
 */
package dev.slimnas.spark;
