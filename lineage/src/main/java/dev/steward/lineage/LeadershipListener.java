package dev.steward.lineage;

/**
 * Told when this replica starts or stops writing the shared registry repository (see
 * {@link Lineage#lead(Term)}). With a repository of its own (one replica) lineage leads from the start and
 * never calls it.
 */
public interface LeadershipListener {

	/**
	 * On the thread that takes over, after {@code main} has been set to the remote's and before the first
	 * change is accepted: catch up derived state (the SQL index), forget what was assumed as a follower
	 * (cached counters). An exception aborts the takeover.
	 */
	default void takingOver(Term term) {
	}

	/** Once changes are accepted: wake up work that only the leader does. */
	default void leading(Term term) {
	}

	/** After this replica stopped writing: it no longer accepts changes. */
	default void following() {
	}
}
