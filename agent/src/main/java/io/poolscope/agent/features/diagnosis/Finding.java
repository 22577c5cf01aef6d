package io.poolscope.agent.features.diagnosis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One occurrence of a diagnosis, built only when it fires: where (caller, acquisition site), on
 * which pool and thread, and its numbers. {@link FindingTable} folds occurrences at one call site
 * together.
 */
final class Finding {
  final DiagnosisCode code;
  final String pool;
  final String caller;
  final String acquiredAt;
  final String thread;
  // What the message quotes besides the numbers (the masked SQL of an N+1), or null.
  final String subject;
  final String remedy;
  final Map<String, Long> evidence = new LinkedHashMap<>();

  Finding(
      DiagnosisCode code,
      String pool,
      String caller,
      String acquiredAt,
      String thread,
      String subject,
      String remedy) {
    this.code = code;
    this.pool = pool;
    this.caller = caller;
    this.acquiredAt = acquiredAt;
    this.thread = thread;
    this.subject = subject;
    this.remedy = remedy;
  }

  Finding(DiagnosisCode code, String pool, String caller, String acquiredAt, String subject) {
    this(code, pool, caller, acquiredAt, Thread.currentThread().getName(), subject, code.remedy());
  }

  Finding evidence(String name, long value) {
    evidence.put(name, value);
    return this;
  }
}
