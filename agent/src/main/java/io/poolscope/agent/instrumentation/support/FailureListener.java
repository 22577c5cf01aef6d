package io.poolscope.agent.instrumentation.support;

import io.poolscope.agent.output.log.AgentLog;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * Logs a class that could not be woven. That class then runs unchanged (its measurements are
 * missing); the application and every other class are unaffected.
 */
final class FailureListener extends AgentBuilder.Listener.Adapter {
  @Override
  public void onError(
      String typeName,
      ClassLoader classLoader,
      JavaModule module,
      boolean loaded,
      Throwable throwable) {
    AgentLog.warn(
        "could not instrument "
            + typeName
            + "; it runs without Poolscope's measurements ("
            + throwable
            + ")");
  }

  @Override
  public void onTransformation(
      TypeDescription typeDescription,
      ClassLoader classLoader,
      JavaModule module,
      boolean loaded,
      DynamicType dynamicType) {
    AgentLog.debug("instrumented " + typeDescription.getName());
  }
}
