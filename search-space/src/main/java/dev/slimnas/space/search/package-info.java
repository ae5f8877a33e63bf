/**
 * Search spaces: the choices of every block, width groups and ranges, encoding to decisions and
 * back, sampling, validation, and the built-in spaces.
 */
package dev.slimnas.space.search;
