package dev.steward.server.access;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused bootstrap token into Spring Boot's short start-up report instead of a stack trace. */
class WeakBootstrapTokenAnalyzer extends AbstractFailureAnalyzer<WeakBootstrapToken> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, WeakBootstrapToken cause) {
    return new FailureAnalysis(cause.description(), WeakBootstrapToken.HOW, cause);
  }
}
