package io.poolscope.agent.log;

public enum LogLevel {
  DEBUG,
  INFO,
  WARN,
  ERROR
}
