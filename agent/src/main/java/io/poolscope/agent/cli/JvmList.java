package io.poolscope.agent.cli;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.PrintStream;
import java.util.Properties;

/**
 * {@code list}: the JVMs this user can attach to, one line each: pid, main class or jar, Java
 * version, whether Poolscope is loaded, and what dynamic agent loading would do there.
 */
final class JvmList {
  private JvmList() {}

  static void print(PrintStream out) {
    long self = ProcessHandle.current().pid();
    int shown = 0;
    for (VirtualMachineDescriptor descriptor : VirtualMachine.list()) {
      if (descriptor.id().equals(String.valueOf(self))) {
        continue;
      }
      out.println(line(descriptor));
      shown++;
    }
    if (shown == 0) {
      out.println("no JVM of this user accepts attach");
    }
  }

  private static String line(VirtualMachineDescriptor descriptor) {
    String pid = descriptor.id();
    // The main class or jar; its arguments would make the line unreadable (and may hold secrets).
    String name = descriptor.displayName().split(" ", 2)[0];
    name = name.isEmpty() ? "(unknown)" : name;
    try (TargetJvm target = TargetJvm.attach(pid)) {
      Properties system = target.systemProperties();
      Properties agent = target.agentProperties();
      int feature = TargetJvm.feature(system);
      String status = system.getProperty(StatusProperty.NAME);
      return pid
          + "  "
          + name
          + "  java "
          + system.getProperty("java.version", "?")
          + "  poolscope: "
          + (status == null ? "not loaded" : status.lines().findFirst().orElse("loaded"))
          + "  dynamic loading: "
          + DynamicLoading.of(feature, agent.getProperty("sun.jvm.args")).description();
    } catch (CliFailure | java.io.IOException e) {
      return pid + "  " + name + "  (" + e.getMessage() + ")";
    }
  }
}
