package io.poolscope.agent.output;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.ref.WeakReference;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Notes which class loaders define a few classes of the application's telemetry libraries (its
 * Micrometer, its own copy of the OpenTelemetry API), as they are defined. Poolscope must not load
 * those classes itself (that would initialise the application's libraries earlier than it does, or
 * in the wrong class loader), so it watches class definitions instead: a name comparison per class,
 * and nothing is changed.
 */
public final class ClassLoadWatch implements ClassFileTransformer {
  /** An application has one loader of its own, a server one per web application: enough. */
  private static final int MAX_LOADERS = 16;

  private final List<String> internalNames;
  private final List<List<WeakReference<ClassLoader>>> seen;

  /** Watches classes by binary name ({@code a.b.C}); see {@link #name(String)} for why. */
  public ClassLoadWatch(List<String> binaryNames) {
    this.internalNames = new ArrayList<>();
    this.seen = new ArrayList<>();
    for (String name : binaryNames) {
      internalNames.add(name.replace('.', '/'));
      seen.add(new CopyOnWriteArrayList<>());
    }
  }

  /**
   * Builds {@code io.<rest>} at run time. The agent jar relocates {@code io.micrometer}, and the
   * shade plugin rewrites string constants that start with a relocated package too: a name built at
   * run time keeps meaning the application's unshaded classes.
   */
  public static String name(String afterIo) {
    return "io.".concat(afterIo);
  }

  /** Registers the watch; when attached late, also looks at the classes loaded already. */
  public void install(Instrumentation instrumentation, boolean attached) {
    instrumentation.addTransformer(this, false);
    if (attached) {
      for (Class<?> type : instrumentation.getAllLoadedClasses()) {
        String internal = type.getName().replace('.', '/');
        noteIfWatched(type.getClassLoader(), internal);
      }
    }
  }

  @Override
  public byte[] transform(
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classfileBuffer) {
    if (classBeingRedefined == null && className != null) {
      noteIfWatched(loader, className);
    }
    return null;
  }

  /**
   * Loaders (still alive) that defined {@code binaryName}, oldest first; null is the boot loader.
   */
  public List<ClassLoader> loadersOf(String binaryName) {
    int index = internalNames.indexOf(binaryName.replace('.', '/'));
    List<ClassLoader> loaders = new ArrayList<>();
    if (index < 0) {
      return loaders;
    }
    for (WeakReference<ClassLoader> ref : seen.get(index)) {
      ClassLoader loader = ref.get();
      if (loader != null) {
        loaders.add(loader);
      }
    }
    return loaders;
  }

  void noteIfWatched(ClassLoader loader, String internalName) {
    for (int i = 0; i < internalNames.size(); i++) {
      if (internalNames.get(i).equals(internalName)) {
        List<WeakReference<ClassLoader>> loaders = seen.get(i);
        loaders.removeIf(ref -> ref.get() == null);
        if (loaders.size() < MAX_LOADERS) {
          loaders.add(new WeakReference<>(loader));
        }
        return;
      }
    }
  }
}
