package io.poolscope.it.footprint;

/** Child JVM: an application that never touches JDBC; it runs past a few maintenance ticks. */
public final class IdleApplication {
  private IdleApplication() {}

  public static void main(String[] args) throws InterruptedException {
    System.out.println("idle application running");
    Thread.sleep(3_000); // past the Micrometer bridge's first look (every 2 s)
    System.out.println("idle application done");
  }
}
