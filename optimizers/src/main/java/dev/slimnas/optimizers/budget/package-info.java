/**
 * Latency budgets: the lambda controller of differentiable search, the indicator-level
 * {@link dev.slimnas.optimizers.budget.BudgetRepair} and the encoding-level
 * {@link dev.slimnas.optimizers.budget.EncodingRepair}.
 */
package dev.slimnas.optimizers.budget;
