/** {@code slimnas experiment}: the runs behind the README's results tables, resumable and re-runnable. */
package dev.slimnas.cli.experiment;
