/** JMH benchmarks of the pure-Java parts (latency prediction speed). */
package dev.slimnas.experiments.jmh;
