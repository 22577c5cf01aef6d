package io.poolscope.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * A parsed Prometheus text exposition (format 0.0.4, and the OpenMetrics text that differs from it
 * only in ways tests meet: {@code # EOF}, exemplars, quoted metric names).
 *
 * <p>Samples keep their full names: a histogram {@code x_seconds} appears as {@code
 * x_seconds_bucket}, {@code x_seconds_count} and {@code x_seconds_sum}; {@link #family(String)}
 * gathers them and {@link #buckets(String, String...)} reads the buckets. Labels are given to the
 * lookups as name-value pairs and match a subset: {@code value("m", "pool", "a")} finds the sample
 * of {@code m} whose label {@code pool} is {@code a}, whatever its other labels.
 */
public final class PrometheusText {
  private static final List<String> FAMILY_SUFFIXES =
      List.of("", "_bucket", "_count", "_sum", "_total", "_created", "_gcount", "_gsum", "_info");

  private final List<Sample> samples;
  private final Map<String, String> types;
  private final Map<String, String> helps;

  PrometheusText(List<Sample> samples, Map<String, String> types, Map<String, String> helps) {
    this.samples = List.copyOf(samples);
    this.types = Map.copyOf(types);
    this.helps = Map.copyOf(helps);
  }

  /** One sample line: its full name, its labels in written order, and its value. */
  public record Sample(String name, Map<String, String> labels, double value) {
    public String label(String labelName) {
      return labels.get(labelName);
    }
  }

  public static PrometheusText parse(String text) {
    return PrometheusTextParser.parse(text);
  }

  public List<Sample> all() {
    return samples;
  }

  /** Every distinct sample name, in the order first seen. */
  public Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    for (Sample sample : samples) {
      names.add(sample.name());
    }
    return names;
  }

  /** The samples of exactly this name whose labels include the given name-value pairs. */
  public List<Sample> samples(String name, String... labels) {
    Map<String, String> wanted = pairs(labels);
    List<Sample> matching = new ArrayList<>();
    for (Sample sample : samples) {
      if (sample.name().equals(name) && sample.labels().entrySet().containsAll(wanted.entrySet())) {
        matching.add(sample);
      }
    }
    return matching;
  }

  /** The value of the one sample that matches; fails if none or several do. */
  public double value(String name, String... labels) {
    List<Sample> matching = samples(name, labels);
    if (matching.size() != 1) {
      throw new AssertionError(
          (matching.isEmpty() ? "no sample " : matching.size() + " samples ")
              + name
              + pairs(labels)
              + (matching.isEmpty() ? "" : ": " + matching)
              + "; samples named like it: "
              + family(familyOf(name)));
    }
    return matching.get(0).value();
  }

  /** The value of the one sample that matches, or empty if none does; fails if several do. */
  public OptionalDouble find(String name, String... labels) {
    return samples(name, labels).isEmpty()
        ? OptionalDouble.empty()
        : OptionalDouble.of(value(name, labels));
  }

  public boolean has(String name, String... labels) {
    return !samples(name, labels).isEmpty();
  }

  /** The family's samples: the name itself and with _bucket, _count, _sum, _total, ... */
  public List<Sample> family(String familyName) {
    List<Sample> matching = new ArrayList<>();
    for (Sample sample : samples) {
      String name = sample.name();
      if (name.startsWith(familyName)
          && FAMILY_SUFFIXES.contains(name.substring(familyName.length()))) {
        matching.add(sample);
      }
    }
    return matching;
  }

  /** The {@code # TYPE} of a family (counter, gauge, histogram, ...), or {@code null}. */
  public String type(String familyName) {
    return types.get(familyName);
  }

  public String help(String familyName) {
    return helps.get(familyName);
  }

  /** A histogram's cumulative bucket counts by upper bound ({@code +Inf} last). */
  public NavigableMap<Double, Double> buckets(String histogramName, String... labels) {
    NavigableMap<Double, Double> buckets = new TreeMap<>();
    for (Sample sample : samples(histogramName + "_bucket", labels)) {
      Double previous =
          buckets.put(PrometheusTextParser.parseValue(sample.label("le")), sample.value());
      if (previous != null) {
        throw new AssertionError(
            "labels "
                + pairs(labels)
                + " match buckets of more than one series of "
                + histogramName
                + ": add labels to tell them apart");
      }
    }
    return buckets;
  }

  public double count(String histogramName, String... labels) {
    return value(histogramName + "_count", labels);
  }

  public double sum(String histogramName, String... labels) {
    return value(histogramName + "_sum", labels);
  }

  private String familyOf(String name) {
    for (String suffix : FAMILY_SUFFIXES) {
      if (!suffix.isEmpty() && name.endsWith(suffix)) {
        return name.substring(0, name.length() - suffix.length());
      }
    }
    return name;
  }

  private static Map<String, String> pairs(String... labels) {
    if (labels.length % 2 != 0) {
      throw new IllegalArgumentException("labels come in name-value pairs: " + List.of(labels));
    }
    Map<String, String> pairs = new LinkedHashMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      pairs.put(labels[i], labels[i + 1]);
    }
    return pairs;
  }
}
