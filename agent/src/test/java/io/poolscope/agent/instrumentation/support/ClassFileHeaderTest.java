package io.poolscope.agent.instrumentation.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

class ClassFileHeaderTest {
  /** Long and double constants take two constant-pool entries; strings in Greek test UTF-8. */
  @SuppressWarnings("unused")
  abstract static class Constants implements Callable<String>, Serializable {
    static final long LONG = 1234567890123L;
    static final double DOUBLE = 2.5;
    static final String TEXT = "καλημέρα";
  }

  static byte[] classFile(Class<?> type) throws IOException {
    String resource = type.getName().replace('.', '/') + ".class";
    try (InputStream in = ClassLoader.getSystemResourceAsStream(resource)) {
      return in.readAllBytes();
    }
  }

  @Test
  void readsSuperClassAndInterfacesPastEveryKindOfConstant() throws IOException {
    ClassFileHeader header = ClassFileHeader.read(classFile(Constants.class));
    assertEquals(
        List.of("java/lang/Object", "java/util/concurrent/Callable", "java/io/Serializable"),
        header.superTypes());
    assertFalse(header.isInterface());
    assertFalse(header.isFinal());
  }

  @Test
  void readsTheJdksOwnClassFiles() throws IOException {
    ClassFileHeader string = ClassFileHeader.read(classFile(String.class));
    assertEquals("java/lang/Object", string.superTypes().get(0));
    assertTrue(string.superTypes().contains("java/lang/CharSequence"));
    assertTrue(string.isFinal());
    ClassFileHeader prepared = ClassFileHeader.read(classFile(java.sql.PreparedStatement.class));
    assertTrue(prepared.isInterface());
    assertEquals(List.of("java/lang/Object", "java/sql/Statement"), prepared.superTypes());
  }

  @Test
  void objectHasNoSuperClass() throws IOException {
    assertEquals(List.of(), ClassFileHeader.read(classFile(Object.class)).superTypes());
  }

  @Test
  void anythingElseIsNotAHeader() {
    assertNull(ClassFileHeader.read(null));
    assertNull(ClassFileHeader.read(new byte[] {1, 2, 3}));
    assertNull(
        ClassFileHeader.read(
            new byte[] {
              (byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 0, 9, 99
            }));
  }
}
