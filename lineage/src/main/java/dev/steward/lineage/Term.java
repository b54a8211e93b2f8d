package dev.steward.lineage;

import java.util.Objects;

/**
 * A leadership term of the shared registry repository: the generation the election handed out (a lock's
 * counter or a lease's transitions) and who holds it. Recorded in the takeover commit of the fence.
 *
 * @param generation grows with every takeover
 * @param holder the replica, for example its address
 */
public record Term(long generation, String holder) {

	public Term {
		Objects.requireNonNull(holder, "holder");
		if (generation < 1) {
			throw new IllegalArgumentException("A leadership generation starts at 1, not " + generation + ".");
		}
		if (holder.isBlank() || holder.contains("\n")) {
			throw new IllegalArgumentException("The holder of a term must be one non-blank line.");
		}
	}
}
