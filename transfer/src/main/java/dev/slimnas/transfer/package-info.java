/** SlimNAS transfer (see the module README). */
package dev.slimnas.transfer;
