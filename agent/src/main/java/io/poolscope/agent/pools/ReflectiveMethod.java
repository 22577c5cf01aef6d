package io.poolscope.agent.pools;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;

/**
 * A method of a pool's class, looked up once by name and then called by reflection. Public methods
 * are found through the class's public API; non-public ones (older library versions kept some
 * getters protected) by walking superclasses. Calls never throw: failure reads as null or -1.
 */
final class ReflectiveMethod {
  private static final ReflectiveMethod MISSING = new ReflectiveMethod(null);

  private final Method method;

  private ReflectiveMethod(Method method) {
    this.method = method;
  }

  static ReflectiveMethod find(Class<?> type, String name, Class<?>... parameterTypes) {
    if (type == null) {
      return MISSING;
    }
    Method found = null;
    try {
      found = type.getMethod(name, parameterTypes);
    } catch (NoSuchMethodException | RuntimeException | LinkageError notPublic) {
      for (Class<?> c = type; c != null && found == null; c = c.getSuperclass()) {
        try {
          found = c.getDeclaredMethod(name, parameterTypes);
        } catch (NoSuchMethodException | RuntimeException | LinkageError absent) {
          // keep walking up
        }
      }
    }
    if (found == null) {
      return MISSING;
    }
    found = publicDeclaration(found);
    try {
      // A public method declared by a non-public class is not callable without it.
      found.setAccessible(true);
    } catch (RuntimeException denied) {
      // a module that does not open its package: public methods of public types still work
    }
    return new ReflectiveMethod(found);
  }

  /**
   * The same method as declared by a public supertype, when the implementing class is not public
   * (Agroal's configuration objects): callable even where the module does not open its package.
   */
  private static Method publicDeclaration(Method method) {
    if (Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
      return method;
    }
    Deque<Class<?>> pending = new ArrayDeque<>();
    pending.add(method.getDeclaringClass());
    while (!pending.isEmpty()) {
      Class<?> c = pending.poll();
      if (Modifier.isPublic(c.getModifiers())) {
        try {
          return c.getMethod(method.getName(), method.getParameterTypes());
        } catch (NoSuchMethodException | RuntimeException | LinkageError absent) {
          // try the next supertype
        }
      }
      if (c.getSuperclass() != null) {
        pending.add(c.getSuperclass());
      }
      Collections.addAll(pending, c.getInterfaces());
    }
    return method;
  }

  boolean exists() {
    return method != null;
  }

  Class<?> returnType() {
    return method == null ? null : method.getReturnType();
  }

  Object call(Object target, Object... args) {
    if (method == null || target == null) {
      return null;
    }
    try {
      return method.invoke(target, args);
    } catch (Throwable failed) {
      return null;
    }
  }

  /** The result as an int; -1 when the call failed or did not return a number. */
  int callInt(Object target) {
    Object value = call(target);
    return value instanceof Number ? ((Number) value).intValue() : -1;
  }

  /** Calls a setter; true when it returned normally. */
  boolean callSetter(Object target, Object value) {
    if (method == null || target == null) {
      return false;
    }
    try {
      method.invoke(target, value);
      return true;
    } catch (Throwable refused) {
      return false;
    }
  }
}
