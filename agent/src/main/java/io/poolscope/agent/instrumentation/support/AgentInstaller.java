package io.poolscope.agent.instrumentation.support;

import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The one place where Poolscope weaves. Settings chosen to live next to other agents (the
 * OpenTelemetry Java agent in particular, in either order on the command line): advice is inlined
 * into existing methods without adding members ({@code disableClassFormatChanges}), types are
 * decorated rather than rebased, and only declared methods are considered, so a class another agent
 * already rewrote is matched and woven rather than refused. Only the classes {@link
 * WeavingCandidates} cannot rule out by their class file's header reach Byte Buddy.
 */
public final class AgentInstaller {
  private AgentInstaller() {}

  /**
   * Byte Buddy's switch that keeps it off {@code sun.misc.Unsafe} (JDK 24+ warns on every use). The
   * shade plugin relocates this literal with Byte Buddy, so it names our copy's property only and
   * never changes an application's own Byte Buddy.
   */
  private static final String BYTE_BUDDY_SAFE_MODE = "net.bytebuddy.safe";

  /**
   * At an attach: weaves at once, and retransforms the JDBC classes the application loaded already.
   * At premain: registers {@link DeferredWeaving}, which builds Byte Buddy's transformer in the
   * background, so the application's start does not wait for Byte Buddy's set-up.
   */
  public static void install(
      Instrumentation instrumentation, boolean attached, List<LibraryInstrumentation> libraries) {
    if (System.getProperty(BYTE_BUDDY_SAFE_MODE) == null) {
      System.setProperty(BYTE_BUDDY_SAFE_MODE, "true");
    }
    WeavingCandidates candidates = candidates(libraries);
    if (!attached) {
      Map<String, UnaryOperator<byte[]>> rewrites = new HashMap<>();
      libraries.forEach(library -> rewrites.putAll(library.rewritesWithoutByteBuddy()));
      DeferredWeaving weaving = new DeferredWeaving(candidates, rewrites);
      instrumentation.addTransformer(weaving, false);
      weaving.buildInBackground(() -> transformer(libraries));
      return;
    }
    // The JDBC classes are loaded already: retransform them.
    builder(libraries)
        .with(new CandidateFilter(candidates))
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        .with(AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Reiterating.INSTANCE)
        .installOn(instrumentation);
  }

  /**
   * Byte Buddy's transformer for {@code libraries}, without the header filter in front: what
   * premain's background set-up builds, and what tests hold the filter to.
   */
  public static ClassFileTransformer transformer(List<LibraryInstrumentation> libraries) {
    return builder(libraries).makeRaw();
  }

  private static AgentBuilder builder(List<LibraryInstrumentation> libraries) {
    ByteBuddy byteBuddy =
        new ByteBuddy()
            .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
            .with(TypeValidation.DISABLED);
    AgentBuilder builder =
        new AgentBuilder.Default(byteBuddy)
            .disableClassFormatChanges()
            .with(AgentBuilder.TypeStrategy.Default.DECORATE)
            .with(new SharedTypePoolCache())
            // The cached type descriptions keep the type pool that parsed them, and through it the
            // class file locator: a strong locator would keep every undeployed application's
            // class loader alive (RedeployIT).
            .with(AgentBuilder.LocationStrategy.ForClassLoader.WEAK)
            .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
            .with(new FailureListener())
            .ignore(ignoredTypes());
    for (LibraryInstrumentation library : libraries) {
      builder = library.apply(builder);
    }
    return builder;
  }

  /**
   * What Byte Buddy skips. New classes are filtered before by {@link CandidateFilter}; this matters
   * for the classes an attached agent considers for retransformation.
   */
  private static ElementMatcher.Junction<TypeDescription> ignoredTypes() {
    return new ElementMatcher.Junction.AbstractBase<TypeDescription>() {
      @Override
      public boolean matches(TypeDescription type) {
        return IgnoredNames.ignores(type.getName());
      }
    }.or(isSynthetic());
  }

  static WeavingCandidates candidates(List<LibraryInstrumentation> libraries) {
    List<String> typeNames = new ArrayList<>();
    List<String> superTypeNames = new ArrayList<>();
    Set<String> methodNames = new LinkedHashSet<>();
    for (LibraryInstrumentation library : libraries) {
      typeNames.addAll(library.typeNames());
      superTypeNames.addAll(library.superTypeNames());
      methodNames.addAll(library.methodNames());
    }
    return new WeavingCandidates(typeNames, superTypeNames, methodNames);
  }
}
