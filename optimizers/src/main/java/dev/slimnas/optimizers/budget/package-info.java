/**
 * Latency budgets: the lambda controller of differentiable search (with its soft latency,
 * {@link dev.slimnas.optimizers.budget.SoftIndicators}), the indicator-level
 * {@link dev.slimnas.optimizers.budget.BudgetRepair} (over the budget) and
 * {@link dev.slimnas.optimizers.budget.BudgetFill} (into the band under it), and the encoding-level
 * {@link dev.slimnas.optimizers.budget.EncodingRepair}.
 */
package dev.slimnas.optimizers.budget;
