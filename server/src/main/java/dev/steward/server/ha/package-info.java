/**
 * Several replicas of one installation: leader election, write forwarding to the leader, and the wiring of
 * the shared registry repository (docs/high-availability.md).
 */
@NullMarked
package dev.steward.server.ha;

import org.jspecify.annotations.NullMarked;
