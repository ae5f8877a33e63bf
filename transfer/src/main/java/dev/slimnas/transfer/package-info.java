/**
 * SlimNAS width transfer (arXiv:2104.13255): optimise widths on a cheap proxy, project them onto a
 * deeper and wider target. Entry point: {@link dev.slimnas.transfer.WidthTransfer}; see the module README.
 */
package dev.slimnas.transfer;
