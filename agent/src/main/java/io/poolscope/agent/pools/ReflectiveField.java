package io.poolscope.agent.pools;

import java.lang.reflect.Field;

/**
 * A field of a pool's class, read by reflection. Used only where the library's public getter would
 * start the pool as a side effect, or where the numbers have no public getter at all; written only
 * where a setting has no setter (Agroal's initial size, see Agroal's adapter).
 */
public final class ReflectiveField {
  private static final ReflectiveField MISSING = new ReflectiveField(null);

  private final Field field;

  private ReflectiveField(Field field) {
    this.field = field;
  }

  static ReflectiveField find(Class<?> type, String name) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      try {
        Field found = c.getDeclaredField(name);
        found.setAccessible(true);
        return new ReflectiveField(found);
      } catch (NoSuchFieldException absent) {
        // keep walking up
      } catch (RuntimeException | LinkageError denied) {
        return MISSING;
      }
    }
    return MISSING;
  }

  public boolean exists() {
    return field != null;
  }

  /** Sets the field; true when it was written. */
  public boolean write(Object target, Object value) {
    if (field == null || target == null) {
      return false;
    }
    try {
      field.set(target, value);
      return true;
    } catch (Throwable failed) {
      return false;
    }
  }

  public Object read(Object target) {
    if (field == null || target == null) {
      return null;
    }
    try {
      return field.get(target);
    } catch (Throwable failed) {
      return null;
    }
  }
}
