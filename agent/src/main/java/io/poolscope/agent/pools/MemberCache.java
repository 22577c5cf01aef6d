package io.poolscope.agent.pools;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Methods and fields of pool classes, looked up once per concrete class and member name, then
 * reused: adapters name what they call, this keeps the reflective look-up off every scrape. The
 * cache hangs off each {@code Class} (ClassValue), so it goes away with the pool's class loader.
 */
public final class MemberCache {
  private static final ClassValue<ConcurrentMap<String, ReflectiveMethod>> NO_ARG_METHODS =
      new ClassValue<>() {
        @Override
        protected ConcurrentMap<String, ReflectiveMethod> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };
  private static final ClassValue<ConcurrentMap<String, ReflectiveMethod>> INT_SETTERS =
      new ClassValue<>() {
        @Override
        protected ConcurrentMap<String, ReflectiveMethod> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };
  private static final ClassValue<ConcurrentMap<String, ReflectiveField>> FIELDS =
      new ClassValue<>() {
        @Override
        protected ConcurrentMap<String, ReflectiveField> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };

  private MemberCache() {}

  static ReflectiveMethod method(Class<?> type, String name) {
    return NO_ARG_METHODS.get(type).computeIfAbsent(name, n -> ReflectiveMethod.find(type, n));
  }

  public static boolean hasMethod(Object target, String name) {
    return target != null && method(target.getClass(), name).exists();
  }

  /** {@code target.name()}, or null when it is absent or failed. */
  public static Object call(Object target, String name) {
    return target == null ? null : method(target.getClass(), name).call(target);
  }

  /** {@code target.name()} as an int, or -1 when it is absent, failed or not a number. */
  public static int callInt(Object target, String name) {
    return target == null ? -1 : method(target.getClass(), name).callInt(target);
  }

  /** {@code target.name()} as a Boolean, or null when it is absent, failed or not a boolean. */
  public static Boolean callBoolean(Object target, String name) {
    Object value = call(target, name);
    return value instanceof Boolean ? (Boolean) value : null;
  }

  public static String callString(Object target, String name) {
    Object value = call(target, name);
    return value instanceof String ? (String) value : null;
  }

  /** {@code target.name(value)} for an int setter; true when the pool accepted it. */
  public static boolean setInt(Object target, String name, int value) {
    if (target == null) {
      return false;
    }
    Class<?> type = target.getClass();
    ReflectiveMethod setter =
        INT_SETTERS.get(type).computeIfAbsent(name, n -> ReflectiveMethod.find(type, n, int.class));
    return setter.callSetter(target, value);
  }

  /** The value of field {@code name} declared by the target's class or a superclass, or null. */
  public static Object read(Object target, String name) {
    return target == null ? null : field(target.getClass(), name).read(target);
  }

  public static ReflectiveField field(Class<?> type, String name) {
    return FIELDS.get(type).computeIfAbsent(name, n -> ReflectiveField.find(type, n));
  }
}
