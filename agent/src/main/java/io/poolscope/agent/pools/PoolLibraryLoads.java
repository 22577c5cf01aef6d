package io.poolscope.agent.pools;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.List;

/**
 * Whether any class of a pool library ({@link PoolAdapters#allPackagePrefixes()}) was loaded in
 * this JVM. Until one is, no pool's code can be on any stack, so the stack walk that tells a pool's
 * own connect from the application's ({@code recorder.ConnectOrigin}) can be skipped: an
 * application with no pool pays no walk for its {@code DriverManager.getConnection}. Watched as
 * classes are defined, like {@code output.ClassLoadWatch}: a few name comparisons per class until
 * the first pool class, one volatile read after.
 */
public final class PoolLibraryLoads implements ClassFileTransformer {
  // Null until installed (unit tests, or no agent): then every walk is made, never skipped on a
  // guess.
  private static volatile PoolLibraryLoads installed;

  private final String[] internalPrefixes;
  private volatile boolean loaded;

  PoolLibraryLoads(List<String> prefixes) {
    this.internalPrefixes = new String[prefixes.size()];
    for (int i = 0; i < internalPrefixes.length; i++) {
      internalPrefixes[i] = prefixes.get(i).replace('.', '/');
    }
  }

  /**
   * Starts watching, and looks at the classes loaded already: all the application's after an
   * attach, and in premain whatever an agent started earlier may have loaded.
   */
  public static void install(Instrumentation instrumentation) {
    PoolLibraryLoads watch = new PoolLibraryLoads(PoolAdapters.allPackagePrefixes());
    instrumentation.addTransformer(watch, false);
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      watch.note(type.getName().replace('.', '/'));
    }
    installed = watch; // a class defined since addTransformer was noted on the watch itself
  }

  /** False only while it is certain that no class of a pool library was loaded. */
  public static boolean anyLoaded() {
    PoolLibraryLoads watch = installed;
    return watch == null || watch.loaded;
  }

  boolean loaded() {
    return loaded;
  }

  @Override
  public byte[] transform(
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classfileBuffer) {
    if (!loaded && className != null) {
      note(className);
    }
    return null;
  }

  private void note(String internalName) {
    for (String prefix : internalPrefixes) {
      if (internalName.startsWith(prefix)) {
        loaded = true;
        return;
      }
    }
  }
}
