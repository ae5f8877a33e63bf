/** SlimNAS optimizers (see the module README). */
package dev.slimnas.optimizers;
