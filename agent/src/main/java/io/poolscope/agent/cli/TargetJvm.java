package io.poolscope.agent.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.util.Optional;
import java.util.Properties;

/**
 * One running JVM reached through the Attach API. The only class that names {@code jdk.attach}
 * types; loaded after {@link AttachModule#require()}.
 */
final class TargetJvm implements AutoCloseable {
  private final String pid;
  private final VirtualMachine vm;

  private TargetJvm(String pid, VirtualMachine vm) {
    this.pid = pid;
    this.vm = vm;
  }

  static TargetJvm attach(String pid) throws CliFailure {
    long number = pidNumber(pid);
    Optional<ProcessHandle> process = ProcessHandle.of(number);
    if (process.isEmpty() || !process.get().isAlive()) {
      throw new CliFailure(Outcome.NO_SUCH_PROCESS, "no process with pid " + pid);
    }
    String owner = process.get().info().user().orElse(null);
    String me = System.getProperty("user.name");
    // Root may attach to anyone's JVM; anyone else only to their own.
    if (owner != null && !sameUser(owner, me) && !"root".equals(me)) {
      throw new CliFailure(
          Outcome.OTHER_USER,
          "pid " + pid + " belongs to user " + owner + "; run the command as that user");
    }
    if (number == ProcessHandle.current().pid()) {
      throw new CliFailure(Outcome.USAGE, "pid " + pid + " is this command itself");
    }
    try {
      return new TargetJvm(pid, VirtualMachine.attach(pid));
    } catch (AttachNotSupportedException | IOException e) {
      throw new CliFailure(
          Outcome.ATTACH_REFUSED,
          "cannot attach to pid "
              + pid
              + ": not a Java process, or a JVM started with -XX:+DisableAttachMechanism ("
              + e.getMessage()
              + ")");
    }
  }

  String pid() {
    return pid;
  }

  Properties systemProperties() throws IOException {
    return vm.getSystemProperties();
  }

  Properties agentProperties() throws IOException {
    return vm.getAgentProperties();
  }

  /** The Java feature version ({@code 11}, {@code 17}, {@code 25}); 8 for {@code 1.8}. */
  static int feature(Properties systemProperties) {
    String spec = systemProperties.getProperty("java.specification.version", "0");
    if (spec.startsWith("1.")) {
      spec = spec.substring(2);
    }
    try {
      return Integer.parseInt(spec);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  void loadAgent(String jar, String options) throws CliFailure {
    try {
      vm.loadAgent(jar, options);
    } catch (AgentLoadException | AgentInitializationException | IOException e) {
      throw new CliFailure(
          Outcome.ATTACH_REFUSED, "pid " + pid + " refused to load the agent: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    try {
      vm.detach();
    } catch (IOException e) {
      // The target went away; nothing to release.
    }
  }

  private static long pidNumber(String pid) throws CliFailure {
    try {
      return Long.parseLong(pid);
    } catch (NumberFormatException e) {
      throw new CliFailure(Outcome.USAGE, "not a pid: " + pid);
    }
  }

  private static boolean sameUser(String owner, String me) {
    // Windows reports DOMAIN\\user.
    return owner.equals(me) || owner.endsWith("\\" + me);
  }
}
