/**
 * Not part of the API: the xdotool and wmctrl command lines behind every desktop action, and the
 * parsing of their output. Both providers send these same commands; only the transport differs.
 * Users drive a desktop through {@code io.vmservice.desktop.Desktop} or
 * {@code io.vmservice.VmServiceClient}; these types may change in any release without notice.
 */
package io.vmservice.internal.desktop;
