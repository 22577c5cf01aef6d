package io.poolscope.agent.pools;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The pool libraries Poolscope knows, and which one a class belongs to. Classes are matched by the
 * names of their superclasses and interfaces, since the pools' classes are not visible to the
 * agent; the answer is remembered per class.
 */
public final class PoolAdapters {
  /**
   * Found as services, so that this package knows no library: each library's folder under {@code
   * instrumentation/} brings its adapter and names it in {@code META-INF/services} (whose order is
   * the order adapters are asked in).
   */
  private static final List<PoolAdapter> ALL = load();

  private static final ClassValue<Optional<PoolAdapter>> BY_TYPE =
      new ClassValue<>() {
        @Override
        protected Optional<PoolAdapter> computeValue(Class<?> type) {
          for (PoolAdapter adapter : ALL) {
            if (safelyHandles(adapter, type)) {
              return Optional.of(adapter);
            }
          }
          return Optional.empty();
        }
      };

  private static final ClassValue<Optional<PoolAdapter>> BY_CONFIG_TYPE =
      new ClassValue<>() {
        @Override
        protected Optional<PoolAdapter> computeValue(Class<?> type) {
          for (PoolAdapter adapter : ALL) {
            if (safelyHandlesConfig(adapter, type)) {
              return Optional.of(adapter);
            }
          }
          return Optional.empty();
        }
      };

  private static final List<String> PACKAGE_PREFIXES = collectPrefixes();
  private static final String[] PREFIX_ARRAY = PACKAGE_PREFIXES.toArray(new String[0]);

  /** The adapter of each of {@link #PREFIX_ARRAY}'s prefixes, at the same index. */
  private static final PoolAdapter[] PREFIX_OWNERS = prefixOwners();

  private PoolAdapters() {}

  /** Every adapter, in a fixed order. */
  public static List<PoolAdapter> all() {
    return ALL;
  }

  /** The adapter for instances of {@code type}, or null when it is no pool Poolscope knows. */
  public static PoolAdapter forType(Class<?> type) {
    if (type == null) {
      return null;
    }
    return BY_TYPE.get(type).orElse(null);
  }

  /**
   * The adapter that can cap instances of {@code type} used as a pool configuration (HikariCP's
   * {@code HikariConfig}), or null.
   */
  public static PoolAdapter forConfigType(Class<?> type) {
    if (type == null) {
      return null;
    }
    return BY_CONFIG_TYPE.get(type).orElse(null);
  }

  /** Every library's {@link PoolAdapter#dataSourceBaseClasses()}, for the weaver. */
  public static List<String> allDataSourceBaseClasses() {
    List<String> names = new java.util.ArrayList<>();
    for (PoolAdapter adapter : all()) {
      names.addAll(adapter.dataSourceBaseClasses());
    }
    return names;
  }

  public static List<String> allPackagePrefixes() {
    return PACKAGE_PREFIXES;
  }

  /**
   * True when a stack frame of {@code className} belongs to a pool library, not the application.
   */
  public static boolean isPoolFrame(String className) {
    return forPoolFrame(className) != null;
  }

  /** The library whose own code {@code className} is, or null (see {@link #isPoolFrame}). */
  public static PoolAdapter forPoolFrame(String className) {
    if (className == null) {
      return null;
    }
    // Asked for every frame of a stack walk: arrays, so that no iterator is made per frame.
    for (int i = 0; i < PREFIX_ARRAY.length; i++) {
      if (className.startsWith(PREFIX_ARRAY[i])) {
        return PREFIX_OWNERS[i];
      }
    }
    return null;
  }

  private static boolean safelyHandles(PoolAdapter adapter, Class<?> type) {
    try {
      return adapter.handles(type);
    } catch (Throwable unreadable) {
      return false; // a class whose supertypes fail to load is no pool we can read anyway
    }
  }

  private static boolean safelyHandlesConfig(PoolAdapter adapter, Class<?> type) {
    try {
      return adapter.handlesConfig(type);
    } catch (Throwable unreadable) {
      return false;
    }
  }

  private static List<PoolAdapter> load() {
    List<PoolAdapter> adapters = new ArrayList<>();
    for (PoolAdapter adapter :
        ServiceLoader.load(PoolAdapter.class, PoolAdapter.class.getClassLoader())) {
      adapters.add(adapter);
    }
    return Collections.unmodifiableList(adapters);
  }

  private static PoolAdapter[] prefixOwners() {
    List<PoolAdapter> owners = new ArrayList<>();
    for (PoolAdapter adapter : ALL) {
      for (int i = 0; i < adapter.packagePrefixes().size(); i++) {
        owners.add(adapter);
      }
    }
    return owners.toArray(new PoolAdapter[0]);
  }

  private static List<String> collectPrefixes() {
    List<String> prefixes = new ArrayList<>();
    for (PoolAdapter adapter : ALL) {
      prefixes.addAll(adapter.packagePrefixes());
    }
    return Collections.unmodifiableList(prefixes);
  }
}
