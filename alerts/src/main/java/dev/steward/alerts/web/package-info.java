/** The alerts REST API: the Alertmanager webhook and the on-call history. */
@NullMarked
package dev.steward.alerts.web;

import org.jspecify.annotations.NullMarked;
