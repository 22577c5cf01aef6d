package io.poolscope.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line: {@code [--smoke] [--only SECTION,...]}. {@code --only} runs some parts alone,
 * to measure one change without the whole comparison; its table is then written where a smoke run's
 * goes, so that a partial run never replaces the published results.
 */
record RunOptions(Profile profile, Set<String> sections, boolean partial) {
  static final List<String> SECTIONS =
      List.of("percall", "throughput", "startup", "footprint", "spring");

  static RunOptions parse(String[] args) {
    Profile profile = Profile.FULL;
    Set<String> sections = new LinkedHashSet<>(SECTIONS);
    boolean partial = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--smoke")) {
        profile = Profile.SMOKE;
      } else if (args[i].equals("--only") && i + 1 < args.length) {
        sections = new LinkedHashSet<>(List.of(args[++i].split(",")));
        List<String> unknown = new ArrayList<>(sections);
        unknown.removeAll(SECTIONS);
        if (!unknown.isEmpty()) {
          throw new IllegalArgumentException(
              "unknown section(s) " + unknown + "; the sections are " + SECTIONS);
        }
        partial = true;
      } else {
        throw new IllegalArgumentException(
            "unknown argument "
                + args[i]
                + "; usage: [--smoke] [--only SECTION,...] with SECTION one of "
                + SECTIONS);
      }
    }
    return new RunOptions(profile, sections, partial);
  }

  boolean runs(String section) {
    return sections.contains(section);
  }

  /** Where the table goes: the published results only after a full run of every part. */
  boolean publishes() {
    return profile == Profile.FULL && !partial;
  }
}
