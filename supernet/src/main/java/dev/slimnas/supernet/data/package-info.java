/**
 * Image data for training: readers (image-folder trees, CIFAR-10 binary batches, IDX), a checksummed
 * decode cache, seeded stratified splits, augmentation, normalisation and prefetching batch iterators.
 */
package dev.slimnas.supernet.data;
