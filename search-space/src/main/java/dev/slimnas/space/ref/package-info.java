/** Published reference networks (MobileNetV2, the final Single-Path NAS network) as architecture records. */
package dev.slimnas.space.ref;
