package io.poolscope.agent.startup;

import io.poolscope.agent.cli.StatusProperty;
import io.poolscope.agent.config.ConfigReporter;
import io.poolscope.agent.config.PoolscopeConfig;
import io.poolscope.agent.output.log.AgentLog;
import java.lang.instrument.Instrumentation;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Entry point named by the jar's {@code Premain-Class} and {@code Agent-Class}. An exception out of
 * {@code premain} would stop the JVM, so everything here is caught: when Poolscope cannot start,
 * the application runs without it.
 */
public final class PoolscopeAgent {
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private PoolscopeAgent() {}

  public static void premain(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation, false);
  }

  public static void agentmain(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation, true);
  }

  private static void start(String agentArgs, Instrumentation instrumentation, boolean attached) {
    try {
      if (!STARTED.compareAndSet(false, true)) {
        AgentLog.warn("Poolscope is already running in this JVM; ignoring the second start");
        return;
      }
      PoolscopeConfig config = PoolscopeConfig.load(agentArgs, LOG_REPORTER);
      if (!config.enabled()) {
        AgentLog.info("Poolscope is disabled; nothing is instrumented");
        AgentStatus.publish(StatusProperty.NOT_STARTED + ": enabled=false\n");
        return;
      }
      String archive = ApplicationArchive.crashingOption();
      if (archive != null) {
        AgentLog.error(
            "Poolscope is off: Java "
                + Runtime.version().feature()
                + " crashes when any agent's class transformer meets an application CDS archive ("
                + archive
                + "); run on Java "
                + ApplicationArchive.SAFE_SINCE
                + " or later, or without the archive",
            null);
        AgentStatus.publish(StatusProperty.NOT_STARTED + ": application CDS archive\n");
        return;
      }
      BootstrapClasses.install(instrumentation);
      // Loaded only now: it links against the bootstrap classes defined above.
      AgentRuntime.start(config, instrumentation, attached);
    } catch (Throwable t) {
      AgentLog.error("Poolscope could not start; the application runs without it", t);
      AgentStatus.publish(StatusProperty.NOT_STARTED + ": " + t + "\n");
    }
  }

  private static final ConfigReporter LOG_REPORTER =
      new ConfigReporter() {
        @Override
        public void warn(String message) {
          AgentLog.warn(message);
        }

        @Override
        public void error(String message) {
          AgentLog.error(message, null);
        }
      };
}
