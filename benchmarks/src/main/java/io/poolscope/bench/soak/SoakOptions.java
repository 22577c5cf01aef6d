package io.poolscope.bench.soak;

/**
 * The soak's command line: {@code [--minutes N] [--sample-seconds N] [--without-agent]}. By default
 * 30 minutes under the agent, sampled every minute. {@code --without-agent} runs the same traffic
 * with no agent, to tell growth of the application and its libraries from Poolscope's.
 */
record SoakOptions(double minutes, double sampleSeconds, boolean withAgent) {
  static final SoakOptions DEFAULTS = new SoakOptions(30, 60, true);

  static final String USAGE = "usage: [--minutes N] [--sample-seconds N] [--without-agent]";

  SoakOptions {
    if (!(minutes > 0) || !(sampleSeconds > 0)) {
      throw new IllegalArgumentException("minutes and sample seconds must be positive; " + USAGE);
    }
    if (sampleSeconds * SoakVerdict.MIN_TREND_SAMPLES / (1 - SoakVerdict.WARM_UP_SHARE)
        > minutes * 60) {
      throw new IllegalArgumentException(
          "a run of "
              + minutes
              + " min sampled every "
              + sampleSeconds
              + " s has too few samples after the warm-up for a trend; "
              + USAGE);
    }
  }

  static SoakOptions parse(String[] args) {
    double minutes = DEFAULTS.minutes();
    double sampleSeconds = DEFAULTS.sampleSeconds();
    boolean withAgent = true;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--without-agent")) {
        withAgent = false;
      } else if (arg.equals("--minutes") && i + 1 < args.length) {
        minutes = number(arg, args[++i]);
      } else if (arg.equals("--sample-seconds") && i + 1 < args.length) {
        sampleSeconds = number(arg, args[++i]);
      } else {
        throw new IllegalArgumentException("unknown argument " + arg + "; " + USAGE);
      }
    }
    return new SoakOptions(minutes, sampleSeconds, withAgent);
  }

  private static double number(String option, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a number, got " + value + "; " + USAGE);
    }
  }
}
