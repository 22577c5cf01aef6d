package io.poolscope.agent.config;

import java.util.Locale;

/** A setting that can be given for one pool by name: {@code pool.<pool-name>.<suffix>}. */
enum PoolKey {
  MAX_SIZE("max-size"),
  STATEMENT_TIMEOUT("statement.timeout");

  private final String suffix;
  private final String envSuffix;

  PoolKey(String suffix) {
    this.suffix = suffix;
    this.envSuffix = "_" + suffix.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The part after the pool name, e.g. {@code max-size}. */
  String suffix() {
    return suffix;
  }

  /** The end of the environment variable, e.g. {@code _MAX_SIZE}. */
  String envSuffix() {
    return envSuffix;
  }

  /** The global key a pool falls back to when it has no value of its own. */
  ConfigKey globalKey() {
    return this == MAX_SIZE ? ConfigKey.POOL_MAX_SIZE : ConfigKey.STATEMENT_TIMEOUT;
  }
}
