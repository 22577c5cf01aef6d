package io.poolscope.agent.config;

import java.math.BigDecimal;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * How the values of one kind of setting are read and shown. Bounds belong to the type, so that a
 * declaration carries them and the resolver clamps every bounded setting the same way.
 */
abstract class ValueType<T> {
  static final ValueType<Boolean> BOOLEAN = new BooleanType();
  static final ValueType<String> TEXT = new TextType();

  /** Text that is never shown: the summary and {@code --help} say only whether it is set. */
  static final ValueType<String> SECRET = new SecretType();

  static final ValueType<Path> PATH = new PathType();

  /** A positive whole number, or {@code off} (0). */
  static final ValueType<Integer> SIZE =
      new SizeType(Integer.MAX_VALUE, "is not a size (use a positive whole number or off)");

  static final ValueType<Integer> PORT =
      new SizeType(65_535, "is not a port (use 1..65535 or off)");

  /** A duration in milliseconds, 0 for off, unbounded. */
  static final ValueType<Long> DURATION = duration(0, Long.MAX_VALUE);

  /** Histogram bucket boundaries: increasing positive seconds, comma-separated. */
  static final ValueType<List<Double>> BUCKETS = new BucketsType();

  private final String name;

  ValueType(String name) {
    this.name = name;
  }

  /** Reads trimmed, non-empty text. */
  abstract Parsed<T> parse(String text);

  /** The value as a user would write it; {@code off} where off is a value. */
  abstract String format(T value);

  /** A name for the documentation and tests, e.g. {@code duration}. */
  final String name() {
    return name;
  }

  /**
   * A duration whose values other than off are clamped to [{@code minMillis}, {@code maxMillis}];
   * off is never clamped up, because off means "no such feature", not "very short".
   */
  static ValueType<Long> duration(long minMillis, long maxMillis) {
    return new DurationType(minMillis, maxMillis);
  }

  /** A whole number clamped to [{@code min}, {@code max}]; {@code off} is not a count. */
  static ValueType<Integer> count(int min, int max) {
    return new CountType(min, max);
  }

  /** One of the constants of {@code choices}, by a word of each (see {@link Choice}). */
  static <E extends Enum<E> & Choice> ValueType<E> choice(Class<E> choices) {
    return new ChoiceType<>(choices);
  }

  /**
   * Refuses text with a control character: no host, path, name or token has one, it is a
   * copy-and-paste or quoting mistake, and it would reach log lines and metric labels raw.
   */
  static <T> Parsed<T> rejectControl(String text) {
    int at = ShownValue.firstControl(text);
    return at < 0
        ? null
        : Parsed.invalid(
            String.format("contains a control character (U+%04X)", (int) text.charAt(at)));
  }

  /** A constant of an enum-like setting: the words that select it, the first is its name. */
  interface Choice {
    String[] words();
  }

  private static final class BooleanType extends ValueType<Boolean> {
    BooleanType() {
      super("boolean");
    }

    @Override
    Parsed<Boolean> parse(String text) {
      switch (text.toLowerCase(Locale.ROOT)) {
        case "true":
        case "yes":
        case "on":
          return Parsed.ok(true, "true");
        case "false":
        case "no":
        case "off":
          return Parsed.ok(false, "false");
        default:
          return Parsed.invalid("is not a boolean (use true/false, yes/no or on/off)");
      }
    }

    @Override
    String format(Boolean value) {
      return String.valueOf(value);
    }
  }

  private static final class TextType extends ValueType<String> {
    TextType() {
      super("text");
    }

    @Override
    Parsed<String> parse(String text) {
      Parsed<String> control = rejectControl(text);
      return control != null ? control : Parsed.ok(text, text);
    }

    @Override
    String format(String value) {
      return value == null ? "none" : value;
    }
  }

  private static final class SecretType extends ValueType<String> {
    SecretType() {
      super("secret");
    }

    @Override
    Parsed<String> parse(String text) {
      Parsed<String> control = rejectControl(text);
      return control != null ? control : Parsed.ok(text, "(set)");
    }

    @Override
    String format(String value) {
      return value == null ? "none" : "(set)";
    }
  }

  /** A file path, or {@code off} (null). */
  private static final class PathType extends ValueType<Path> {
    PathType() {
      super("path");
    }

    @Override
    Parsed<Path> parse(String text) {
      if (text.equalsIgnoreCase("off")) {
        return Parsed.ok(null, "off");
      }
      Parsed<Path> control = rejectControl(text);
      if (control != null) {
        return control;
      }
      try {
        // Shown as written: the summary should echo the user's path, not a normalised one.
        return Parsed.ok(Paths.get(text), text);
      } catch (InvalidPathException e) {
        return Parsed.invalid("is not a file path (" + e.getReason() + ")");
      }
    }

    @Override
    String format(Path value) {
      return value == null ? "off" : value.toString();
    }
  }

  /** Sizes and ports: a whole number up to {@code max}, or off; anything else is not usable. */
  private static final class SizeType extends ValueType<Integer> {
    private final int max;
    private final String problem;

    SizeType(int max, String problem) {
      super(max == Integer.MAX_VALUE ? "size" : "port");
      this.max = max;
      this.problem = problem;
    }

    @Override
    Parsed<Integer> parse(String text) {
      if (text.equalsIgnoreCase("off")) {
        return Parsed.ok(0, "off");
      }
      int value;
      try {
        value = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        return Parsed.invalid(problem);
      }
      return value < 0 || value > max ? Parsed.invalid(problem) : Parsed.ok(value, format(value));
    }

    @Override
    String format(Integer value) {
      return value == 0 ? "off" : String.valueOf(value);
    }
  }

  /**
   * Numbers clamped to [{@code min}, {@code max}]: a value past a bound is taken as the bound, and
   * the user is told. Read as a long, so that a count too large for an int is clamped too.
   */
  private abstract static class ClampedType<T> extends ValueType<T> {
    private final long min;
    private final long max;
    private final boolean offIsZero;

    ClampedType(String name, long min, long max, boolean offIsZero) {
      super(name);
      this.min = min;
      this.max = max;
      this.offIsZero = offIsZero;
    }

    /** The number {@code text} holds, or null when it holds none. */
    abstract Long read(String text);

    /** What {@link #read} returns for text that is no number of this type. */
    abstract String problem();

    abstract T of(long value);

    @Override
    final Parsed<T> parse(String text) {
      Long read = read(text);
      if (read == null) {
        return Parsed.invalid(problem());
      }
      long value = read;
      // Off is never clamped up: it means "no such feature", not "very short".
      if (value < min && !(offIsZero && value == 0)) {
        return Parsed.clamped(of(min), format(of(min)), "below the minimum");
      }
      if (value > max) {
        return Parsed.clamped(of(max), format(of(max)), "above the maximum");
      }
      return Parsed.ok(of(value), format(of(value)));
    }
  }

  private static final class DurationType extends ClampedType<Long> {
    DurationType(long min, long max) {
      super("duration", min, max, true);
    }

    @Override
    Long read(String text) {
      long value = Durations.parseMillis(text);
      return value == Durations.INVALID ? null : value;
    }

    @Override
    String problem() {
      return "is not a duration (" + Durations.EXAMPLES + ")";
    }

    @Override
    Long of(long value) {
      return value;
    }

    @Override
    String format(Long value) {
      return Durations.format(value);
    }
  }

  private static final class CountType extends ClampedType<Integer> {
    CountType(int min, int max) {
      super("integer", min, max, false);
    }

    @Override
    Long read(String text) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        return null;
      }
    }

    @Override
    String problem() {
      return "is not a whole number";
    }

    @Override
    Integer of(long value) {
      return (int) value;
    }

    @Override
    String format(Integer value) {
      return String.valueOf(value);
    }
  }

  private static final class BucketsType extends ValueType<List<Double>> {
    private static final int MOST = 30;

    BucketsType() {
      super("seconds, comma-separated");
    }

    @Override
    Parsed<List<Double>> parse(String text) {
      List<Double> bounds = new ArrayList<>();
      for (String part : text.split(",")) {
        double bound;
        try {
          bound = Double.parseDouble(part.trim());
        } catch (NumberFormatException e) {
          return Parsed.invalid("is not a list of seconds (e.g. 0.001,0.01,0.1,1,10)");
        }
        if (!(bound > 0) || Double.isInfinite(bound)) {
          return Parsed.invalid("has a boundary that is not a positive number of seconds");
        }
        if (!bounds.isEmpty() && bound <= bounds.get(bounds.size() - 1)) {
          return Parsed.invalid("is not in increasing order");
        }
        bounds.add(bound);
      }
      if (bounds.size() > MOST) {
        return Parsed.invalid("has more than " + MOST + " boundaries");
      }
      List<Double> value = Collections.unmodifiableList(bounds);
      return Parsed.ok(value, format(value));
    }

    @Override
    String format(List<Double> value) {
      StringBuilder text = new StringBuilder();
      for (double bound : value) {
        text.append(text.length() == 0 ? "" : ",")
            .append(BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString());
      }
      return text.toString();
    }
  }

  private static final class ChoiceType<E extends Enum<E> & Choice> extends ValueType<E> {
    private final E[] choices;

    ChoiceType(Class<E> type) {
      super("one of " + words(type.getEnumConstants()));
      this.choices = type.getEnumConstants();
    }

    @Override
    Parsed<E> parse(String text) {
      for (E choice : choices) {
        for (String word : choice.words()) {
          if (word.equalsIgnoreCase(text)) {
            return Parsed.ok(choice, format(choice));
          }
        }
      }
      return Parsed.invalid("is not " + name());
    }

    @Override
    String format(E value) {
      return value.words()[0];
    }

    private static String words(Choice[] choices) {
      StringBuilder words = new StringBuilder();
      for (Choice choice : choices) {
        words.append(words.length() == 0 ? "" : ", ").append(String.join("/", choice.words()));
      }
      return words.toString();
    }
  }
}
