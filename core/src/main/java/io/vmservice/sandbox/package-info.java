/**
 * What a sandbox is asked for and what it answers, as values: its {@code SandboxConfig} and
 * {@code SandboxInfo} (with its {@code SandboxStatus}), a live stream's {@code StreamConfig} and
 * {@code StreamInfo}, and a command's {@code CommandResult}. The client ({@code io.vmservice})
 * hands them to the providers ({@code io.vmservice.provider}) and back; this package depends on
 * neither of them.
 */
package io.vmservice.sandbox;
