/** Uniform rescaling of a transferred network to a MACs, parameter or latency target by bisection. */
package dev.slimnas.transfer.rescale;
