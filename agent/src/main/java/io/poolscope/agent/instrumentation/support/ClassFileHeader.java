package io.poolscope.agent.instrumentation.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The part of a class file that says what a class is: its access flags and the internal names
 * ({@code a/b/C}) of its super class and interfaces. Read straight from the bytes, without a class
 * reader or a type pool: a walk over the constant pool and six fields behind it.
 */
final class ClassFileHeader {
  private static final int MAGIC = 0xCAFEBABE;
  private static final int ACC_FINAL = 0x0010;
  private static final int ACC_INTERFACE = 0x0200;
  private static final int ACC_SYNTHETIC = 0x1000;

  private final int access;
  private final List<String> superTypes;

  private ClassFileHeader(int access, List<String> superTypes) {
    this.access = access;
    this.superTypes = superTypes;
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

  /** The header of {@code classFile}, or null when the bytes are not a class file it can read. */
  static ClassFileHeader read(byte[] classFile) {
    try {
      return parse(classFile);
    } catch (RuntimeException malformed) {
      return null;
    }
  }

  private static ClassFileHeader parse(byte[] b) {
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
    return new ClassFileHeader(access, Collections.unmodifiableList(superTypes));
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

  private static int readShort(byte[] b, int at) {
    return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
  }

  private static int readInt(byte[] b, int at) {
    return (readShort(b, at) << 16) | readShort(b, at + 2);
  }
}
