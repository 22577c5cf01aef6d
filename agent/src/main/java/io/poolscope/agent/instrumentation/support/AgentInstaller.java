package io.poolscope.agent.instrumentation.support;

import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.lang.instrument.Instrumentation;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;

/**
 * The one place where Poolscope weaves. Settings chosen to live next to other agents (the
 * OpenTelemetry Java agent in particular, in either order on the command line): advice is inlined
 * into existing methods without adding members ({@code disableClassFormatChanges}), types are
 * decorated rather than rebased, and only declared methods are considered, so a class another agent
 * already rewrote is matched and woven rather than refused.
 */
public final class AgentInstaller {
  /** The one SLF4J class woven (see the slf4j instrumentation); the rest of SLF4J is skipped. */
  private static final String SLF4J_LOGGER_FACTORY = "org.slf4j.LoggerFactory";

  private AgentInstaller() {}

  /**
   * Byte Buddy's switch that keeps it off {@code sun.misc.Unsafe} (JDK 24+ warns on every use). The
   * shade plugin relocates this literal with Byte Buddy, so it names our copy's property only and
   * never changes an application's own Byte Buddy.
   */
  private static final String BYTE_BUDDY_SAFE_MODE = "net.bytebuddy.safe";

  public static void install(
      Instrumentation instrumentation, boolean attached, List<LibraryInstrumentation> libraries) {
    if (System.getProperty(BYTE_BUDDY_SAFE_MODE) == null) {
      System.setProperty(BYTE_BUDDY_SAFE_MODE, "true");
    }
    ByteBuddy byteBuddy =
        new ByteBuddy()
            .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
            .with(TypeValidation.DISABLED);
    AgentBuilder builder =
        new AgentBuilder.Default(byteBuddy)
            .disableClassFormatChanges()
            .with(AgentBuilder.TypeStrategy.Default.DECORATE)
            .with(new SharedTypePoolCache())
            .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
            .with(new FailureListener())
            .ignore(ignoredTypes());
    if (attached) {
      // The JDBC classes are loaded already: retransform them. At premain none is, and scanning
      // every loaded class would only cost start-up time.
      builder =
          builder
              .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
              .with(AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Reiterating.INSTANCE);
    }
    for (LibraryInstrumentation library : libraries) {
      builder = library.apply(builder);
    }
    builder.installOn(instrumentation);
  }

  /** Cheap name checks first: most classes of a JVM are excluded without resolving anything. */
  private static net.bytebuddy.matcher.ElementMatcher.Junction<
          net.bytebuddy.description.type.TypeDescription>
      ignoredTypes() {
    // Poolscope's own code only: applications and tests under io.poolscope.* are woven like any.
    return nameStartsWith("io.poolscope.agent.")
        .or(nameStartsWith("io.poolscope.bootstrap."))
        .or(nameStartsWith("io.poolscope.shaded."))
        .or(nameStartsWith("net.bytebuddy."))
        .or(nameStartsWith("java."))
        .or(nameStartsWith("javax.").and(not(nameStartsWith("javax.sql."))))
        // Dynamic proxies (jdk.proxyN.$ProxyM, com.sun.proxy.$ProxyM) stay in: pools such as
        // Tomcat JDBC hand out java.lang.reflect.Proxy connections.
        .or(nameStartsWith("jdk.").and(not(nameStartsWith("jdk.proxy"))))
        .or(nameStartsWith("sun."))
        .or(nameStartsWith("com.sun.").and(not(nameStartsWith("com.sun.proxy."))))
        .or(nameStartsWith("io.opentelemetry.javaagent."))
        .or(nameStartsWith("io.micrometer."))
        .or(nameStartsWith("org.HdrHistogram."))
        .or(nameStartsWith("org.junit."))
        .or(nameStartsWith("org.slf4j.").and(not(named(SLF4J_LOGGER_FACTORY))))
        .or(nameStartsWith("ch.qos.logback."))
        .or(nameStartsWith("org.apache.logging.log4j."))
        .or(nameStartsWith("kotlin."))
        .or(nameStartsWith("scala."))
        .or(nameStartsWith("groovy."))
        .or(
            net.bytebuddy.matcher.ElementMatchers
                .<net.bytebuddy.description.type.TypeDescription>nameContains("$$Lambda"))
        .or(isSynthetic());
  }
}
