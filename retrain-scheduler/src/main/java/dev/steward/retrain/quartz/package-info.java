/** Quartz plumbing of the retrain scheduler that Quartz must be able to make by reflection. */
@NullMarked
package dev.steward.retrain.quartz;

import org.jspecify.annotations.NullMarked;
