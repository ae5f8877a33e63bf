/** Proxies of a target network: fewer blocks, narrower, lower resolution, fewer images ({@link dev.slimnas.transfer.proxy.ProxySpec}). */
package dev.slimnas.transfer.proxy;
