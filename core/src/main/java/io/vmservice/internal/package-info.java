/**
 * Not part of the API: code the SDK's own modules share (waiting, shell quoting, the outline drawn
 * over a search, the announcement of written artifacts). Its types are public only so that
 * {@code vmservice-image} and {@code vmservice-junit} can reach them; they may change or go in any
 * release without notice. Every package whose name contains {@code internal} is this kind, and the
 * architecture test checks that no public signature outside them mentions one of their types.
 */
package io.vmservice.internal;
