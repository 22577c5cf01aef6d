package io.poolscope.agent.output.metrics.bridge;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import java.util.ArrayList;
import java.util.List;

/** Name, tags, description and unit of one of Poolscope's meters, free of Micrometer types. */
final class MeterSpec {
  private final String name;
  private final List<String> tags;
  private final String description;
  private final String baseUnit;

  private MeterSpec(String name, List<String> tags, String description, String baseUnit) {
    this.name = name;
    this.tags = tags;
    this.description = description;
    this.baseUnit = baseUnit;
  }

  static MeterSpec of(Meter.Id id) {
    List<String> tags = new ArrayList<>();
    for (Tag tag : id.getTags()) {
      tags.add(tag.getKey());
      tags.add(tag.getValue());
    }
    return new MeterSpec(id.getName(), tags, id.getDescription(), id.getBaseUnit());
  }

  String name() {
    return name;
  }

  /** Keys and values, alternating. */
  List<String> tags() {
    return tags;
  }

  String description() {
    return description;
  }

  String baseUnit() {
    return baseUnit;
  }
}
