package io.poolscope.agent.features.tracing;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Whether a copy of {@code GlobalOpenTelemetry} has been set, asked without {@code get()} (which
 * fixes the no-op for good). {@code isSet()} is recent: API 1.30 and older lack it, and as an
 * application's older API comes before the agent jar on the class path, Poolscope's own copy can be
 * one of them too. There the global's static field is read as it is; it has been there, non-null
 * once set, from 1.20 on.
 *
 * <p>Looked up on each call: it is asked at most every few seconds, until an SDK is found.
 */
final class GlobalIsSet {
  private static final String GLOBAL_FIELD = "globalOpenTelemetry";

  private GlobalIsSet() {}

  static boolean of(Class<?> global) throws ReflectiveOperationException {
    Method isSet;
    try {
      isSet = global.getMethod("isSet");
    } catch (NoSuchMethodException olderCopy) {
      Field field = global.getDeclaredField(GLOBAL_FIELD);
      field.setAccessible(true);
      return field.get(null) != null;
    }
    return Boolean.TRUE.equals(isSet.invoke(null));
  }
}
