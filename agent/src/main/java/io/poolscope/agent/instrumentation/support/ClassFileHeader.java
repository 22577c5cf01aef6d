package io.poolscope.agent.instrumentation.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * The part of a class file that says what a class is: its access flags, the internal names ({@code
 * a/b/C}) of its super class and interfaces, and whether it declares a method of some given names.
 * Read straight from the bytes, without a class reader or a type pool: a walk over the constant
 * pool, the fields behind it and the methods' names (their code is skipped by its length).
 */
final class ClassFileHeader {
  private static final int MAGIC = 0xCAFEBABE;
  private static final int ACC_FINAL = 0x0010;
  private static final int ACC_INTERFACE = 0x0200;
  private static final int ACC_SYNTHETIC = 0x1000;

  private final int access;
  private final List<String> superTypes;
  private final boolean declaresNamedMethod;

  private ClassFileHeader(int access, List<String> superTypes, boolean declaresNamedMethod) {
    this.access = access;
    this.superTypes = superTypes;
    this.declaresNamedMethod = declaresNamedMethod;
  }

  boolean isInterface() {
    return (access & ACC_INTERFACE) != 0;
  }

  boolean isFinal() {
    return (access & ACC_FINAL) != 0;
  }

  boolean isSynthetic() {
    return (access & ACC_SYNTHETIC) != 0;
  }

  /** The super class (absent for {@code java/lang/Object}) first, then the interfaces. */
  List<String> superTypes() {
    return superTypes;
  }

  /**
   * Whether the class declares a method named as one of the names it was {@link #read(byte[],
   * MethodNames) read} with (always true when read without names).
   */
  boolean declaresNamedMethod() {
    return declaresNamedMethod;
  }

  /** The header of {@code classFile}, or null when the bytes are not a class file it can read. */
  static ClassFileHeader read(byte[] classFile) {
    return read(classFile, null);
  }

  /**
   * As {@link #read(byte[])}, also looking whether the class declares a method named as one of
   * {@code methodNames}.
   */
  static ClassFileHeader read(byte[] classFile, MethodNames methodNames) {
    try {
      return parse(classFile, methodNames);
    } catch (RuntimeException malformed) {
      return null;
    }
  }

  private static ClassFileHeader parse(byte[] b, MethodNames methodNames) {
    if (b == null || b.length < 10 || readInt(b, 0) != MAGIC) {
      return null;
    }
    int count = readShort(b, 8);
    int[] offsets = new int[count]; // where each entry's content starts, after its tag
    int at = 10;
    for (int index = 1; index < count; index++) {
      int tag = b[at] & 0xFF;
      offsets[index] = at + 1;
      switch (tag) {
        case 1: // Utf8
          at += 3 + readShort(b, at + 1);
          break;
        case 7: // Class
        case 8: // String
        case 16: // MethodType
        case 19: // Module
        case 20: // Package
          at += 3;
          break;
        case 15: // MethodHandle
          at += 4;
          break;
        case 3: // Integer
        case 4: // Float
        case 9: // Fieldref
        case 10: // Methodref
        case 11: // InterfaceMethodref
        case 12: // NameAndType
        case 17: // Dynamic
        case 18: // InvokeDynamic
          at += 5;
          break;
        case 5: // Long
        case 6: // Double: takes two entries
          at += 9;
          index++;
          break;
        default:
          return null;
      }
    }
    int access = readShort(b, at);
    int superIndex = readShort(b, at + 4);
    int interfaces = readShort(b, at + 6);
    List<String> superTypes = new ArrayList<>(interfaces + 1);
    if (superIndex != 0) {
      superTypes.add(className(b, offsets, superIndex));
    }
    for (int i = 0; i < interfaces; i++) {
      superTypes.add(className(b, offsets, readShort(b, at + 8 + 2 * i)));
    }
    boolean declares =
        methodNames == null || declaresMethod(b, offsets, at + 8 + 2 * interfaces, methodNames);
    return new ClassFileHeader(access, Collections.unmodifiableList(superTypes), declares);
  }

  /**
   * Whether a method of the fields and methods starting at {@code at} is named in {@code names}.
   */
  private static boolean declaresMethod(byte[] b, int[] offsets, int at, MethodNames names) {
    int fields = readShort(b, at);
    at += 2;
    for (int i = 0; i < fields; i++) {
      at = skipAttributes(b, at + 6); // access, name, descriptor
    }
    int methods = readShort(b, at);
    at += 2;
    for (int i = 0; i < methods; i++) {
      int name = offsets[readShort(b, at + 2)];
      if (names.contains(b, name + 2, readShort(b, name))) {
        return true;
      }
      at = skipAttributes(b, at + 6);
    }
    return false;
  }

  /** Past the attribute count at {@code at} and the attributes that follow it. */
  private static int skipAttributes(byte[] b, int at) {
    int count = readShort(b, at);
    at += 2;
    for (int i = 0; i < count; i++) {
      at += 6 + readInt(b, at + 2); // name, length, then the attribute's bytes
    }
    return at;
  }

  /** The name a Class entry points to. */
  private static String className(byte[] b, int[] offsets, int classIndex) {
    int utf8 = offsets[readShort(b, offsets[classIndex])];
    return modifiedUtf8(b, utf8 + 2, readShort(b, utf8));
  }

  /** Decodes the class file's modified UTF-8 (one to three bytes a char). */
  private static String modifiedUtf8(byte[] b, int from, int length) {
    char[] chars = new char[length];
    int n = 0;
    int at = from;
    int end = from + length;
    while (at < end) {
      int c = b[at++] & 0xFF;
      if (c < 0x80) {
        chars[n++] = (char) c;
      } else if ((c & 0xE0) == 0xC0) {
        chars[n++] = (char) (((c & 0x1F) << 6) | (b[at++] & 0x3F));
      } else {
        chars[n++] = (char) (((c & 0x0F) << 12) | ((b[at] & 0x3F) << 6) | (b[at + 1] & 0x3F));
        at += 2;
      }
    }
    return new String(chars, 0, n);
  }

  /** Method names as their class files spell them (ASCII, so one byte a char), to compare bytes. */
  static final class MethodNames {
    private final byte[][] names;

    MethodNames(Collection<String> names) {
      this.names = new byte[names.size()][];
      int i = 0;
      for (String name : names) {
        this.names[i++] = name.getBytes(StandardCharsets.US_ASCII);
      }
    }

    boolean contains(byte[] b, int from, int length) {
      for (byte[] name : names) {
        if (name.length == length && Arrays.equals(name, 0, length, b, from, from + length)) {
          return true;
        }
      }
      return false;
    }
  }

  private static int readShort(byte[] b, int at) {
    return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
  }

  private static int readInt(byte[] b, int at) {
    return (readShort(b, at) << 16) | readShort(b, at + 2);
  }
}
