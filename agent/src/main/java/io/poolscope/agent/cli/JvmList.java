package io.poolscope.agent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code list}: the JVMs this user can attach to, one line each: pid, main class or jar, Java
 * version, whether Poolscope is loaded, and what dynamic agent loading would do there.
 *
 * <p>Read without attaching, as {@code jps} does: each JVM's performance data file ({@link
 * PerfData}) says its command, version and options, and the agent's {@link StatusFile} whether
 * Poolscope runs in it. Attaching would start an "Attach Listener" thread in every JVM listed. Only
 * a JVM started with {@code -XX:-UsePerfData} has no such file: such a Java process is attached to,
 * and its line says so.
 */
final class JvmList {
  private static final String PERF_DIRECTORY = "hsperfdata_";

  private JvmList() {}

  static void print(PrintStream out) {
    String me = System.getProperty("user.name");
    boolean root = "root".equals(me);
    long self = ProcessHandle.current().pid();
    TreeMap<Long, String> lines = new TreeMap<>();
    Set<Long> withPerfData = new HashSet<>();
    for (Path directory : perfDirectories(me, root)) {
      String user = directory.getFileName().toString().substring(PERF_DIRECTORY.length());
      for (Path file : list(directory)) {
        Long pid = pidOf(file.getFileName().toString());
        Optional<ProcessHandle> process = pid == null ? Optional.empty() : ProcessHandle.of(pid);
        if (pid == null || pid == self || process.isEmpty() || !process.get().isAlive()) {
          continue; // not a pid, this command, or a file left by a JVM that was killed
        }
        withPerfData.add(pid);
        PerfData perf = PerfData.read(file);
        if (!perf.isEmpty()) { // else a JVM still starting
          lines.put(pid, line(pid, user, process.get(), perf));
        }
      }
    }
    for (ProcessHandle process : javaProcessesWithoutPerfData(withPerfData, self, me, root)) {
      lines.put(process.pid(), attachedLine(process));
    }
    lines.values().forEach(out::println);
    if (lines.isEmpty()) {
      out.println("no JVM of this user accepts attach");
    }
  }

  private static String line(long pid, String user, ProcessHandle process, PerfData perf) {
    String version = perf.string("java.property.java.version");
    int feature = feature(perf.string("java.property.java.vm.specification.version"));
    String status = StatusFile.read(user, process).orElse("not loaded");
    return pid
        + "  "
        + mainName(perf.string("sun.rt.javaCommand"))
        + "  java "
        + (version == null ? "?" : version)
        + "  poolscope: "
        + status
        + "  dynamic loading: "
        + DynamicLoading.of(feature, perf.string("java.rt.vmArgs")).description();
  }

  /**
   * A Java process with no performance data ({@code -XX:-UsePerfData}): only an attach tells what
   * it is.
   */
  private static String attachedLine(ProcessHandle process) {
    String pid = Long.toString(process.pid());
    String suffix = "  (no perf data, -XX:-UsePerfData: read by attaching)";
    try (TargetJvm target = TargetJvm.attach(pid)) {
      Properties system = target.systemProperties();
      Properties agent = target.agentProperties();
      String status = system.getProperty(StatusProperty.NAME);
      return pid
          + "  "
          + mainName(system.getProperty("sun.java.command"))
          + "  java "
          + system.getProperty("java.version", "?")
          + "  poolscope: "
          + (status == null ? "not loaded" : status.lines().findFirst().orElse("loaded"))
          + "  dynamic loading: "
          + DynamicLoading.of(TargetJvm.feature(system), agent.getProperty("sun.jvm.args"))
              .description()
          + suffix;
    } catch (CliFailure | IOException e) {
      return pid + "  (" + e.getMessage() + ")" + suffix;
    }
  }

  /** The main class or jar; its arguments would make the line unreadable (and may hold secrets). */
  private static String mainName(String command) {
    String name = command == null ? "" : command.strip().split(" ", 2)[0];
    return name.isEmpty() ? "(unknown)" : name;
  }

  private static int feature(String specification) {
    Properties spec = new Properties();
    if (specification != null) {
      spec.setProperty("java.specification.version", specification);
    }
    return TargetJvm.feature(spec);
  }

  /** This user's performance data directory; root's list covers every user's it can read. */
  private static List<Path> perfDirectories(String me, boolean root) {
    return list(StatusFile.tempRoot()).stream()
        .filter(d -> d.getFileName().toString().startsWith(PERF_DIRECTORY))
        .filter(d -> root || d.getFileName().toString().equals(PERF_DIRECTORY + me))
        .filter(Files::isDirectory)
        .filter(Files::isReadable)
        .collect(Collectors.toList());
  }

  private static List<ProcessHandle> javaProcessesWithoutPerfData(
      Set<Long> listed, long self, String me, boolean root) {
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      return all.filter(p -> p.pid() != self && !listed.contains(p.pid()))
          .filter(p -> root || p.info().user().map(me::equals).orElse(false))
          .filter(p -> p.info().command().map(JvmList::isJavaLauncher).orElse(false))
          .collect(Collectors.toList());
    }
  }

  private static boolean isJavaLauncher(String command) {
    String name = Path.of(command).getFileName().toString();
    return name.equals("java") || name.equals("java.exe") || name.equals("javaw.exe");
  }

  private static List<Path> list(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.collect(Collectors.toList());
    } catch (IOException | SecurityException e) {
      return new ArrayList<>();
    }
  }

  private static Long pidOf(String name) {
    try {
      return Long.parseLong(name);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
