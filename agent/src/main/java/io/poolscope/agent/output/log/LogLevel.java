package io.poolscope.agent.output.log;

public enum LogLevel {
  DEBUG,
  INFO,
  WARN,
  ERROR
}
