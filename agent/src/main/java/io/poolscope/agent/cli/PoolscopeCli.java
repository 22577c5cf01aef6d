package io.poolscope.agent.cli;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The jar's {@code Main-Class}: {@code java -jar poolscope-agent.jar list | attach <pid>
 * [key=value,...] | --help | --version}. Exit code 0 on success, otherwise one line on stderr and
 * the code of its {@link Outcome}.
 */
public final class PoolscopeCli {
  static final String USAGE =
      "usage: java -jar poolscope-agent.jar <command>\n"
          + "  list                          the JVMs you can attach to, and whether Poolscope is in them\n"
          + "  attach <pid> [key=value,...]  load Poolscope into a running JVM with these settings\n"
          + "  --help                        this text\n"
          + "  --version                     Poolscope's version\n"
          + "Settings are those of -javaagent:poolscope-agent.jar=... (docs/configuration.md).";

  private PoolscopeCli() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      command(args, out);
      return Outcome.DONE.exitCode();
    } catch (CliFailure failure) {
      err.println("poolscope: " + failure.getMessage());
      if (failure.outcome() == Outcome.USAGE) {
        err.println(USAGE);
      }
      return failure.outcome().exitCode();
    }
  }

  private static void command(String[] args, PrintStream out) throws CliFailure {
    String name = args.length == 0 ? "--help" : args[0];
    switch (name) {
      case "--help":
      case "-h":
      case "help":
        out.println(USAGE);
        return;
      case "--version":
        out.println("Poolscope " + version());
        return;
      case "list":
        AttachModule.require();
        JvmList.print(out);
        return;
      case "attach":
        if (args.length < 2) {
          throw new CliFailure(Outcome.USAGE, "attach needs a pid");
        }
        String options = String.join(",", Arrays.asList(args).subList(2, args.length));
        new AttachCommand(agentJar()).run(args[1], options, out);
        return;
      default:
        throw new CliFailure(Outcome.USAGE, "unknown command: " + name);
    }
  }

  /** From the jar's manifest ({@code Implementation-Version}). */
  public static String version() {
    String version = PoolscopeCli.class.getPackage().getImplementationVersion();
    return version == null ? "(development build)" : version;
  }

  /** This jar, by absolute path: the target JVM resolves it from its own working directory. */
  private static String agentJar() throws CliFailure {
    try {
      Path jar =
          Path.of(PoolscopeCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!jar.toString().endsWith(".jar")) {
        throw new CliFailure(
            Outcome.FAILED, "attach runs from the agent jar (java -jar), not " + jar);
      }
      return jar.toAbsolutePath().toString();
    } catch (URISyntaxException | SecurityException e) {
      throw new CliFailure(Outcome.FAILED, "cannot tell where this jar is: " + e.getMessage());
    }
  }
}
