package io.poolscope.agent.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * A small seeded generator for property tests in plain JUnit 5, on {@link SplittableRandom}.
 *
 * <p>Every case has its own seed, derived from a base seed, the property name and the case index,
 * so a case reproduces alone. The base seed is fixed ({@link #DEFAULT_SEED}) so runs are
 * reproducible; {@code -Dpoolscope.test.seed=N} runs the properties on other inputs. A failure
 * names the property, the base seed, the case index and seed, and the input (control characters and
 * lone surrogates escaped).
 */
public final class RandomCases {
  public static final String SEED_PROPERTY = "poolscope.test.seed";
  public static final long DEFAULT_SEED = 0x5EED_C0DE_2026L;

  private final SplittableRandom random;

  private RandomCases(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** The base seed: {@code poolscope.test.seed} if set (decimal or 0x hex), else the default. */
  public static long baseSeed() {
    String value = System.getProperty(SEED_PROPERTY);
    if (value == null || value.isBlank()) {
      return DEFAULT_SEED;
    }
    value = value.trim();
    return value.startsWith("0x") || value.startsWith("0X")
        ? Long.parseUnsignedLong(value.substring(2), 16)
        : Long.parseLong(value);
  }

  /** The seed of case {@code index} of {@code property}. */
  public static long caseSeed(long baseSeed, String property, int index) {
    long h = baseSeed ^ (property.hashCode() * 0x9E3779B97F4A7C15L);
    return new SplittableRandom(h + index * 0xBF58476D1CE4E5B9L).nextLong();
  }

  /**
   * {@code tries} cases split into {@code batches} runs of (first case, count), for a
   * {@code @MethodSource}: each batch is one test invocation that loops over its cases.
   */
  public static Stream<Arguments> batches(int tries, int batches) {
    int size = (tries + batches - 1) / batches;
    return IntStream.range(0, batches)
        .map(b -> b * size)
        .filter(first -> first < tries)
        .mapToObj(first -> Arguments.of(first, Math.min(size, tries - first)));
  }

  /**
   * Runs cases {@code first .. first+count-1} of {@code property}: generates each input with its
   * own seed and checks it; the first failure is reported with its seeds and input.
   */
  public static <T> void check(
      String property,
      int first,
      int count,
      Function<RandomCases, T> generator,
      Consumer<? super T> check) {
    long base = baseSeed();
    for (int index = first; index < first + count; index++) {
      long seed = caseSeed(base, property, index);
      T input = generator.apply(new RandomCases(seed));
      try {
        check.accept(input);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            property
                + " failed on case "
                + index
                + " (base seed "
                + base
                + ", case seed "
                + seed
                + "; rerun with -D"
                + SEED_PROPERTY
                + "="
                + base
                + ")\n input: "
                + escape(String.valueOf(input))
                + "\n "
                + e,
            e);
      }
    }
  }

  /** Java-style escapes for control characters, lone surrogates and backslashes. */
  public static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      boolean pair =
          Character.isHighSurrogate(c)
              && k + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(k + 1));
      if (pair) {
        out.append(c).append(s.charAt(++k));
      } else if (c == '\\') {
        out.append("\\\\");
      } else if (Character.isISOControl(c) || Character.isSurrogate(c) || c == 0xFFFF) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Uniform in {@code min..max}, both included. */
  public int between(int min, int max) {
    return random.nextInt(min, max + 1);
  }

  public boolean nextBoolean() {
    return random.nextBoolean();
  }

  public <T> T pick(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  @SafeVarargs
  public final <T> T pick(T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  /** An index into {@code weights}, chosen with those relative weights. */
  public int weighted(int... weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int roll = random.nextInt(total);
    for (int k = 0; k < weights.length; k++) {
      roll -= weights[k];
      if (roll < 0) {
        return k;
      }
    }
    throw new AssertionError("unreachable");
  }

  /** One of the suppliers, chosen uniformly, then called. */
  @SafeVarargs
  public final <T> T oneOf(Supplier<? extends T>... suppliers) {
    return suppliers[random.nextInt(suppliers.length)].get();
  }

  /** A list of {@code min..max} elements. */
  public <T> List<T> list(int min, int max, Supplier<? extends T> element) {
    int size = between(min, max);
    List<T> list = new ArrayList<>(size);
    for (int k = 0; k < size; k++) {
      list.add(element.get());
    }
    return list;
  }

  /** A length in {@code min..max}, with the bounds themselves more often than uniform. */
  public int length(int min, int max) {
    switch (random.nextInt(10)) {
      case 0:
        return min;
      case 1:
        return max;
      default:
        return between(min, max);
    }
  }

  /** {@code min..max} characters drawn from {@code alphabet} (UTF-16 units). */
  public String chars(String alphabet, int min, int max) {
    int n = length(min, max);
    StringBuilder s = new StringBuilder(n);
    for (int k = 0; k < n; k++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  /** Edge cases among all UTF-16 units: NUL, controls, surrogates, noncharacters, BOM. */
  private static final String EDGE_UNITS =
      "\u0000\u0001\u001f\u007f\u0080\u009f\u00a0\u00ff\u0100\u2028\u2029\ud7ff"
          + "\ud800\udbff\udc00\udfff\ue000\ufeff\ufffd\ufffe\uffff '\"\\$-/*";

  /**
   * Up to {@code max} arbitrary UTF-16 units: uniform over {@code 0..0xFFFF}, ASCII, edge units,
   * and valid surrogate pairs, so lone surrogates, NUL and supplementary characters all occur.
   */
  public String anyText(int max) {
    int n = length(0, max);
    StringBuilder s = new StringBuilder(n + 1);
    while (s.length() < n) {
      switch (random.nextInt(4)) {
        case 0:
          s.append((char) random.nextInt(0x10000));
          break;
        case 1:
          s.append((char) random.nextInt(0x20, 0x7f));
          break;
        case 2:
          s.append(EDGE_UNITS.charAt(random.nextInt(EDGE_UNITS.length())));
          break;
        default:
          if (s.length() + 2 <= n) {
            s.appendCodePoint(random.nextInt(0x10000, Character.MAX_CODE_POINT + 1));
          }
      }
    }
    return s.toString();
  }
}
