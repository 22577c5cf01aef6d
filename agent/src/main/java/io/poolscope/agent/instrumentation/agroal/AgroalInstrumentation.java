package io.poolscope.agent.instrumentation.agroal;

import static io.poolscope.agent.instrumentation.support.SafeSuperTypeMatcher.hasSuperTypeNamed;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import io.poolscope.agent.instrumentation.support.Instrumentations;
import io.poolscope.agent.instrumentation.support.LibraryInstrumentation;
import io.poolscope.agent.instrumentation.support.PoolCapWeaving;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Agroal. Its configuration is built (and validated) by a supplier before any pool exists, then
 * handed to {@code ConnectionPool} (or {@code Poolless}) in the data source's constructor, which
 * starts filling the pool at once. So the cap is applied on entry to those constructors, to the
 * configuration they receive; its {@code setMaxSize} and {@code setMinSize} are Agroal's way to
 * resize a running pool. The supplier's {@code maxSize(int)} is left alone on purpose: lowered
 * there, it could fall below a {@code minSize} the supplier later refuses.
 */
public final class AgroalInstrumentation implements LibraryInstrumentation {
  static final String[] POOLS = {"io.agroal.pool.ConnectionPool", "io.agroal.pool.Poolless"};
  static final String POOL_CONFIGURATION =
      "io.agroal.api.configuration.AgroalConnectionPoolConfiguration";
  private static final String CAPPED_SETTER = "setMaxSize";

  @Override
  public AgentBuilder apply(AgentBuilder builder) {
    return builder
        .type(namedOneOf(POOLS))
        .transform(
            Instrumentations.advice(
                isConstructor().and(takesArgument(0, named(POOL_CONFIGURATION))),
                PoolCapWeaving.ConfigurationArgumentAdvice.class))
        .type(
            nameStartsWith("io.agroal.")
                .and(not(isInterface()))
                .and(hasSuperTypeNamed(POOL_CONFIGURATION)))
        .transform(PoolCapWeaving.capSizeSetter(CAPPED_SETTER));
  }

  @Override
  public List<String> typeNames() {
    return List.of(POOLS);
  }

  @Override
  public List<String> superTypeNames() {
    return List.of(POOL_CONFIGURATION);
  }

  @Override
  public List<String> methodNames() {
    return List.of(CAPPED_SETTER);
  }
}
