package io.poolscope.bench.spring;

import io.poolscope.testing.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts the Spring Boot sample's executable jar ({@code benchmarks/spring-app}) the way users run
 * it, {@code java [agent options] -jar app.jar}, on a free port and a given database. Each start
 * keeps its command and output in {@code <work>/SpringApp-<name>-<n>/}, like the other children.
 */
public final class SpringAppLauncher {
  /** Boot's application with Hibernate and Tomcat; fixed so that a growing heap is not measured. */
  private static final List<String> HEAP = List.of("-Xms512m", "-Xmx512m");

  private final Path jar;
  private final Path work;
  private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

  public SpringAppLauncher(Path jar, Path work) {
    this.jar = jar;
    this.work = work;
  }

  /** Launches the application; it is ready once {@link RunningSpringApp#awaitReady} says so. */
  public RunningSpringApp start(
      String name, List<String> jvmOptions, String jdbcUrl, String user, String password)
      throws IOException {
    int run = runs.computeIfAbsent(name, key -> new AtomicInteger()).incrementAndGet();
    Path workdir = Files.createDirectories(work.resolve("SpringApp-" + name + "-" + run));
    int port = ChildJvm.freePort();
    Path javaHome = Path.of(System.getProperty("java.home"));
    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin").resolve("java").toString());
    command.addAll(HEAP);
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    command.add("--server.port=" + port);
    command.add("--spring.datasource.url=" + jdbcUrl);
    command.add("--spring.datasource.username=" + user);
    command.add("--spring.datasource.password=" + password);
    Files.write(workdir.resolve("command.txt"), command, StandardCharsets.UTF_8);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workdir.toFile())
            .redirectOutput(workdir.resolve("stdout.txt").toFile())
            .redirectError(workdir.resolve("stderr.txt").toFile());
    // As for the other children: only the set-up's own options may configure the agent.
    builder.environment().keySet().removeIf(key -> key.startsWith("POOLSCOPE_"));
    long launched = System.nanoTime();
    Process process = builder.start();
    process.getOutputStream().close();
    return new RunningSpringApp(process, launched, port, workdir, javaHome);
  }
}
