/** Versioned JSON files of the transfer module: proxy specs, proxy results, transfer reports. */
package dev.slimnas.transfer.io;
