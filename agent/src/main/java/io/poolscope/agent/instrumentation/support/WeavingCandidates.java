package io.poolscope.agent.instrumentation.support;

import io.poolscope.agent.collections.BoundedLongSet;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Decides from a class file's header alone whether a class may need weaving, so that the classes
 * that cannot (nearly all an application loads) cost a header read each and never reach Byte Buddy.
 * A class is a candidate when it is woven by name, or when it declares a method of a woven name
 * ({@code close}, {@code executeQuery}, ...) and one of its direct super types is known to be,
 * extend or implement a woven super type ({@code java.sql.Connection}, ...). The method names come
 * first: they are in the class's own bytes, while its ancestry may have to be read from other class
 * files, which is what a large application's start paid for most (13,000 classes of a Spring Boot
 * application: a second of its main thread, most of it reading super types' class files).
 *
 * <p>A transformer sees a class before its super types are loaded: the JVM resolves them while
 * defining the class, after the transformers ran. So a direct super type may be unknown yet; it is
 * then read from the class loader's resources, and its own super types in turn, once: what is
 * learnt is kept for when that super type itself loads and for its other subclasses. What is kept:
 * the names known to lead to a woven super type (by name alone: a wrong "yes" only costs Byte
 * Buddy's exact match), and the (name, loader) pairs known not to (a wrong "no" would miss a class,
 * so these are per loader). Both are bounded sets of hashes. A super type that cannot be read (a
 * class generated at run time) makes the class a candidate: Byte Buddy decides.
 */
final class WeavingCandidates {
  /** Verdicts about a type: leads to a woven super type, does not, or cannot tell. */
  private static final int YES = 1;

  private static final int NO = 0;
  private static final int UNKNOWN = -1;

  /** Deeper than any real hierarchy; a loop in broken class files stops here. */
  private static final int MAX_DEPTH = 64;

  /** About 30,000 classes in a large Spring Boot application; 16 bytes a key at most. */
  private static final int MAX_OTHERS = 1 << 18;

  private static final int MAX_LEADING = 1 << 14;

  private final Set<String> wovenByName = new HashSet<>();
  private final BoundedLongSet leading = new BoundedLongSet(MAX_LEADING);
  private final BoundedLongSet others = new BoundedLongSet(MAX_OTHERS);
  private final Set<String> wovenSuperTypes = new HashSet<>();
  private final ClassFileHeader.MethodNames wovenMethods;

  /**
   * @param typeNames binary names of the classes woven by name
   * @param superTypeNames binary names of the types whose every subtype is woven
   * @param methodNames names of the methods woven into those subtypes
   */
  WeavingCandidates(
      Collection<String> typeNames,
      Collection<String> superTypeNames,
      Collection<String> methodNames) {
    this.wovenMethods = new ClassFileHeader.MethodNames(methodNames);
    for (String name : typeNames) {
      wovenByName.add(internal(name));
    }
    for (String name : superTypeNames) {
      wovenSuperTypes.add(internal(name));
      leading.add(nameHash(internal(name)));
    }
  }

  /** As {@link #mayWeave}, but never throws: a filter that fails hands the class to Byte Buddy. */
  boolean mayWeaveOrUnsure(ClassLoader loader, String internalName, byte[] classFile) {
    try {
      return mayWeave(loader, internalName, classFile);
    } catch (Throwable unexpected) {
      return true;
    }
  }

  /**
   * Whether the class {@code internalName} defined by {@code loader} from {@code classFile} may
   * need weaving; false only when it certainly does not.
   */
  boolean mayWeave(ClassLoader loader, String internalName, byte[] classFile) {
    if (internalName == null) {
      return true; // not a class of a class file: leave it to Byte Buddy
    }
    if (IgnoredNames.ignores(internalName)) {
      return false;
    }
    if (wovenByName.contains(internalName)) {
      return true;
    }
    if (others.contains(loaderKey(internalName, loader))) {
      return false;
    }
    ClassFileHeader header = ClassFileHeader.read(classFile, wovenMethods);
    if (header == null) {
      return true;
    }
    if (!header.declaresNamedMethod()) {
      // Nothing of it could be woven, whatever it extends. What it leads to is kept for its
      // subclasses when its super types are known already; else it is read if one of them asks.
      learnWithoutReading(loader, internalName, header);
      return false;
    }
    int verdict = learn(loader, internalName, header, 0);
    return verdict != NO && !header.isInterface() && !header.isSynthetic();
  }

  /** Number of (name, loader) pairs currently known not to need weaving; for measurements. */
  int knownOthers() {
    return others.size();
  }

  private int learn(ClassLoader loader, String internalName, ClassFileHeader header, int depth) {
    int verdict = wovenSuperTypes.contains(internalName) ? YES : NO;
    for (String superType : header.superTypes()) {
      if (verdict == YES) {
        break;
      }
      int answer = verdictOf(loader, superType, depth + 1);
      if (answer != NO) {
        verdict = answer;
      }
    }
    remember(loader, internalName, header, verdict);
    return verdict;
  }

  private void learnWithoutReading(
      ClassLoader loader, String internalName, ClassFileHeader header) {
    int verdict = wovenSuperTypes.contains(internalName) ? YES : NO;
    for (String superType : header.superTypes()) {
      if (verdict == YES) {
        break;
      }
      int known = knownVerdictOf(loader, superType);
      if (known == UNKNOWN) {
        return;
      }
      verdict = known;
    }
    remember(loader, internalName, header, verdict);
  }

  private void remember(
      ClassLoader loader, String internalName, ClassFileHeader header, int verdict) {
    if (verdict == YES) {
      if (!header.isFinal()) { // a final class is nobody's super type
        leading.add(nameHash(internalName));
      }
    } else if (verdict == NO) {
      others.add(loaderKey(internalName, loader));
    }
  }

  /** What is known of a type without reading anything. */
  private int knownVerdictOf(ClassLoader loader, String internalName) {
    if (leading.contains(nameHash(internalName))) {
      return YES;
    }
    if (isJdkOutsideJdbc(internalName) || others.contains(loaderKey(internalName, loader))) {
      return NO;
    }
    return UNKNOWN;
  }

  private int verdictOf(ClassLoader loader, String internalName, int depth) {
    int known = knownVerdictOf(loader, internalName);
    if (known != UNKNOWN) {
      return known;
    }
    if (depth > MAX_DEPTH) {
      return UNKNOWN;
    }
    ClassFileHeader header = ClassFileHeader.read(classFileOf(loader, internalName));
    return header == null ? UNKNOWN : learn(loader, internalName, header, depth);
  }

  /**
   * JDK types outside {@code java.sql} and {@code javax.sql} implement no JDBC interface (their
   * sub-interfaces, {@code PreparedStatement} and the like, are read like any other type).
   */
  private static boolean isJdkOutsideJdbc(String internalName) {
    if (internalName.startsWith("java/")) {
      return !internalName.startsWith("java/sql/");
    }
    if (internalName.startsWith("javax/")) {
      return !internalName.startsWith("javax/sql/");
    }
    return internalName.startsWith("jdk/internal/") || internalName.startsWith("sun/");
  }

  private static byte[] classFileOf(ClassLoader loader, String internalName) {
    String resource = internalName + ".class";
    try (InputStream in =
        loader == null
            ? ClassLoader.getSystemResourceAsStream(resource)
            : loader.getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }

  private static String internal(String binaryName) {
    return binaryName.replace('.', '/');
  }

  /** 64-bit FNV-1a of the name: collisions among a JVM's class names are out of reach. */
  static long nameHash(String name) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < name.length(); i++) {
      hash ^= name.charAt(i);
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  private static long loaderKey(String internalName, ClassLoader loader) {
    long loaderId = loader == null ? 0 : System.identityHashCode(loader);
    return nameHash(internalName) ^ ((loaderId + 1) * 0x9E3779B97F4A7C15L);
  }
}
