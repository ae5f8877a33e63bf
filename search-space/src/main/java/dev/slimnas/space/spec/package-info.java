/** What an architecture is: immutable records for stem, stages, blocks, head and the channel rule. */
package dev.slimnas.space.spec;
