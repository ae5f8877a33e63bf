/** Device-independent cost proxies (MACs, parameters) behind the latency interface. */
package dev.slimnas.latency.proxy;
