package io.poolscope.agent.pools;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Asks "is this class, or one of its superclasses or interfaces, named X?" without loading X: the
 * agent cannot see a pool's classes, so {@code Class.isAssignableFrom} is not available to it.
 */
public final class TypeHierarchy {
  private TypeHierarchy() {}

  public static boolean isNamed(Class<?> type, Collection<String> names) {
    if (type == null) {
      return false;
    }
    Deque<Class<?>> pending = new ArrayDeque<>();
    Set<Class<?>> seen = new HashSet<>();
    pending.add(type);
    while (!pending.isEmpty()) {
      Class<?> current = pending.poll();
      if (!seen.add(current)) {
        continue;
      }
      if (names.contains(current.getName())) {
        return true;
      }
      Class<?> superclass = current.getSuperclass();
      if (superclass != null && superclass != Object.class) {
        pending.add(superclass);
      }
      for (Class<?> implemented : current.getInterfaces()) {
        pending.add(implemented);
      }
    }
    return false;
  }
}
