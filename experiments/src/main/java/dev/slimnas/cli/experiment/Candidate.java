package dev.slimnas.cli.experiment;

import java.util.List;

/**
 * One network of a comparison: what it is, the ops of its blocks and its predicted deployment latency.
 *
 * @param name unique name, also its training folder
 * @param kind {@code searched}, {@code random} or {@code uniform}
 * @param budgetMs the budget it belongs to (for uniform baselines: the budget it is the largest fit for)
 * @param ops op code of every block
 * @param latencyMs predicted latency of the deployment network on the device
 */
record Candidate(String name, String kind, double budgetMs, List<String> ops, double latencyMs) {
  Candidate {
    ops = List.copyOf(ops);
  }
}
