/** The page controllers, their view models and drawings (lineage graph, drift charts). */
@NullMarked
package dev.steward.ui.web;

import org.jspecify.annotations.NullMarked;
