package io.poolscope.agent.instrumentation.support;

import io.poolscope.agent.collections.BoundedLongSet;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
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
  /**
   * Verdicts about a type are masks: bit {@code i} set when it leads to woven super type {@code i},
   * 0 when it leads to none, and this when that cannot be told.
   */
  static final long UNKNOWN = -1;

  private static final long NO = 0;

  /** Set in {@link #superTypes}' answer for a class woven by name. */
  static final long BY_NAME = 1L << 62;

  /** At most this many woven super types: the bits below {@link #BY_NAME}. */
  private static final int MAX_SUPER_TYPES = 62;

  /** Deeper than any real hierarchy; a loop in broken class files stops here. */
  private static final int MAX_DEPTH = 64;

  /** About 30,000 classes in a large Spring Boot application; 16 bytes a key at most. */
  private static final int MAX_OTHERS = 1 << 18;

  private static final int MAX_LEADING = 1 << 14;

  private final Set<String> wovenByName = new HashSet<>();

  /**
   * Names known to lead to a woven super type, and which: (name, bit) pairs in {@link #leadingTo}.
   */
  private final BoundedLongSet leading = new BoundedLongSet(MAX_LEADING);

  private final BoundedLongSet leadingTo = new BoundedLongSet(MAX_LEADING * 2);
  private final BoundedLongSet others = new BoundedLongSet(MAX_OTHERS);

  /** Internal names of the woven super types; index {@code i} is bit {@code i} of a verdict. */
  private final List<String> wovenSuperTypes = new ArrayList<>();

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
      if (!wovenSuperTypes.contains(internal(name))) {
        wovenSuperTypes.add(internal(name));
      }
    }
    if (wovenSuperTypes.size() > MAX_SUPER_TYPES) {
      throw new IllegalArgumentException("more than " + MAX_SUPER_TYPES + " woven super types");
    }
  }

  /** Binary name of the woven super type of bit {@code bit}. */
  String superTypeName(int bit) {
    return wovenSuperTypes.get(bit).replace('/', '.');
  }

  /** As {@link #mayWeave}, but never throws: a filter that fails hands the class to Byte Buddy. */
  boolean mayWeaveOrUnsure(ClassLoader loader, String internalName, byte[] classFile) {
    return superTypesOrUnknown(loader, internalName, classFile) != NO;
  }

  /**
   * Whether the class {@code internalName} defined by {@code loader} from {@code classFile} may
   * need weaving; false only when it certainly does not.
   */
  boolean mayWeave(ClassLoader loader, String internalName, byte[] classFile) {
    return superTypes(loader, internalName, classFile) != NO;
  }

  /**
   * As {@link #superTypes}, but never throws: a filter that fails answers {@link #UNKNOWN}, which
   * hands the class to Byte Buddy.
   */
  long superTypesOrUnknown(ClassLoader loader, String internalName, byte[] classFile) {
    try {
      return superTypes(loader, internalName, classFile);
    } catch (Throwable unexpected) {
      return UNKNOWN;
    }
  }

  /**
   * Why the class may need weaving: 0 when it certainly does not; else the bits of the woven super
   * types it leads to, with {@link #BY_NAME} when it is woven by name; or {@link #UNKNOWN} when it
   * may need weaving but what it leads to cannot be told from class files.
   */
  long superTypes(ClassLoader loader, String internalName, byte[] classFile) {
    if (internalName == null) {
      return UNKNOWN; // not a class of a class file: leave it to Byte Buddy
    }
    if (IgnoredNames.ignores(internalName)) {
      return NO;
    }
    long byName = wovenByName.contains(internalName) ? BY_NAME : NO;
    if (byName == NO && others.contains(loaderKey(internalName, loader))) {
      return NO;
    }
    ClassFileHeader header = ClassFileHeader.read(classFile, wovenMethods);
    if (header == null) {
      return UNKNOWN;
    }
    if (!header.declaresNamedMethod()) {
      // Nothing of it could be woven, whatever it extends. What it leads to is kept for its
      // subclasses when its super types are known already; else it is read if one of them asks.
      learnWithoutReading(loader, internalName, header);
      return byName;
    }
    long verdict = learn(loader, internalName, header, 0);
    if (header.isInterface() || header.isSynthetic()) {
      return byName;
    }
    return verdict == UNKNOWN ? UNKNOWN : verdict | byName;
  }

  /** Number of (name, loader) pairs currently known not to need weaving; for measurements. */
  int knownOthers() {
    return others.size();
  }

  private long learn(ClassLoader loader, String internalName, ClassFileHeader header, int depth) {
    long verdict = ownBit(internalName);
    for (String superType : header.superTypes()) {
      long answer = verdictOf(loader, superType, depth + 1);
      if (answer == UNKNOWN) {
        return UNKNOWN; // kept for no one: the next subclass asks again
      }
      verdict |= answer;
    }
    remember(loader, internalName, header, verdict);
    return verdict;
  }

  private void learnWithoutReading(
      ClassLoader loader, String internalName, ClassFileHeader header) {
    long verdict = ownBit(internalName);
    for (String superType : header.superTypes()) {
      long known = knownVerdictOf(loader, superType);
      if (known == UNKNOWN) {
        return;
      }
      verdict |= known;
    }
    remember(loader, internalName, header, verdict);
  }

  private long ownBit(String internalName) {
    int index = wovenSuperTypes.indexOf(internalName);
    return index < 0 ? NO : 1L << index;
  }

  private void remember(
      ClassLoader loader, String internalName, ClassFileHeader header, long verdict) {
    if (verdict == NO) {
      others.add(loaderKey(internalName, loader));
    } else if (!header.isFinal()) { // a final class is nobody's super type
      long name = nameHash(internalName);
      // All bits or none: a set that starts over between two adds would lose some.
      for (int attempt = 0; attempt < 2 && bitsKnown(name, verdict) != verdict; attempt++) {
        for (int bit = 0; bit < wovenSuperTypes.size(); bit++) {
          if ((verdict & (1L << bit)) != 0) {
            leadingTo.add(bitKey(name, bit));
          }
        }
      }
      leading.add(name);
    }
  }

  /** What is known of a type without reading anything. */
  private long knownVerdictOf(ClassLoader loader, String internalName) {
    long own = ownBit(internalName);
    if (own != NO) {
      return own; // the woven super type itself
    }
    long name = nameHash(internalName);
    if (leading.contains(name)) {
      long bits = bitsKnown(name, -1L);
      return bits == NO ? UNKNOWN : bits; // NO: forgotten since, to be read again
    }
    if (isJdkOutsideJdbc(internalName) || others.contains(loaderKey(internalName, loader))) {
      return NO;
    }
    return UNKNOWN;
  }

  /** The bits of {@code wanted} known for the name of this hash. */
  private long bitsKnown(long name, long wanted) {
    long bits = NO;
    for (int bit = 0; bit < wovenSuperTypes.size(); bit++) {
      if ((wanted & (1L << bit)) != 0 && leadingTo.contains(bitKey(name, bit))) {
        bits |= 1L << bit;
      }
    }
    return bits;
  }

  private static long bitKey(long nameHash, int bit) {
    return nameHash ^ ((bit + 1) * 0xC2B2AE3D27D4EB4FL);
  }

  private long verdictOf(ClassLoader loader, String internalName, int depth) {
    long known = knownVerdictOf(loader, internalName);
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
