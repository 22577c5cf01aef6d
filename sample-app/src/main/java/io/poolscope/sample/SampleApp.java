package io.poolscope.sample;

public final class SampleApp {
  public static void main(String[] args) {}
}
