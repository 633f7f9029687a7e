/**
 * What a screen is made of, as values: its {@code Resolution}, a {@code Point} and a
 * {@code Region} on it, its pixels ({@code Screenshot}), the windows on it ({@code WindowInfo},
 * {@code WindowBounds}), what a search found on it ({@code Match}, {@code SearchResult},
 * {@code LookAlikes}), the {@code MouseButton} that acts on it, and the errors of a search
 * that did not find what it waited for ({@code TargetNotFoundException},
 * {@code AmbiguousTargetException}, {@code TargetStillVisibleException},
 * {@code WindowNotFoundException}), which carry what was seen.
 * The client ({@code io.vmservice}) and the desktop DSL ({@code io.vmservice.desktop}) both speak
 * in these types; this package depends on neither of them.
 */
package io.vmservice.screen;
