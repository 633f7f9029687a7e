/**
 * The run's settings, {@code VmServiceSettings}: every key with its one default, resolved once
 * from the environment, system properties and {@code junit-platform.properties}. The client, the
 * providers and the JUnit extension read them here; this package depends on none of them.
 */
package io.vmservice.settings;
