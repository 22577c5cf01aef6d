package io.poolscope.agent.config;

/**
 * The outcome of reading one value: usable (perhaps clamped to a bound) or not. A value type says
 * what went wrong; the resolver decides what is used instead and reports it.
 */
final class Parsed<T> {
  private final T value;
  private final String shown;
  private final String problem;
  private final String bound;

  private Parsed(T value, String shown, String problem, String bound) {
    this.value = value;
    this.shown = shown;
    this.problem = problem;
    this.bound = bound;
  }

  /** {@code shown} is how the value reads in the start-up summary. */
  static <T> Parsed<T> ok(T value, String shown) {
    return new Parsed<>(value, shown, null, null);
  }

  /** {@code problem} completes "key='value' ...", e.g. {@code is not a whole number}. */
  static <T> Parsed<T> invalid(String problem) {
    return new Parsed<>(null, null, problem, null);
  }

  /** Usable after clamping: {@code bound} is e.g. {@code below the minimum}. */
  static <T> Parsed<T> clamped(T limit, String shownLimit, String bound) {
    return new Parsed<>(limit, shownLimit, null, bound);
  }

  boolean invalid() {
    return problem != null;
  }

  boolean clamped() {
    return bound != null;
  }

  T value() {
    return value;
  }

  String shown() {
    return shown;
  }

  String problem() {
    return problem;
  }

  String bound() {
    return bound;
  }
}
