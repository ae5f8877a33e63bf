/** SlimNAS experiments (see the module README). */
package dev.slimnas.experiments;
