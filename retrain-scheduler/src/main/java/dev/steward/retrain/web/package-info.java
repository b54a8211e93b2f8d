/** The REST API of retrain plans and runs. */
@NullMarked
package dev.steward.retrain.web;

import org.jspecify.annotations.NullMarked;
