/** The REST API of governance: revocations and their reports, marks, explanations, prices and costs. */
@NullMarked
package dev.steward.governance.web;

import org.jspecify.annotations.NullMarked;
