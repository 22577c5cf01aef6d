package io.poolscope.agent.instrumentation.support;

import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * What Poolscope weaves into one library: the types it matches and the advice it inlines. Each
 * instrumented library has one folder under {@code instrumentation/} with one of these.
 */
public interface LibraryInstrumentation {
  AgentBuilder apply(AgentBuilder builder);
}
