/** SlimNAS supernet (see the module README). */
package dev.slimnas.supernet;
