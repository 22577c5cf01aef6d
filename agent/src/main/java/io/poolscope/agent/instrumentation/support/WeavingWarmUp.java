package io.poolscope.agent.instrumentation.support;

import io.poolscope.agent.output.log.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Weaves, once and on Poolscope's set-up thread, four class files made here (a driver, a
 * DataSource, a connection and a prepared statement declaring the woven methods), and throws the
 * result away. Byte Buddy's first weaving of a JDBC class otherwise pays, on the application thread
 * that loads it, for the classes Byte Buddy loads on first use and for reading every advice class:
 * about half a second of a Spring Boot application's main thread for its first 20 woven classes.
 * Nothing is defined: the class files never become classes.
 */
final class WeavingWarmUp {
  /** Outside Poolscope's own packages, which the weaving ignores. */
  private static final String PACKAGE = "io/poolscope/warmup/";

  private static final String[][] DRIVER = {
    {"connect", "(Ljava/lang/String;Ljava/util/Properties;)Ljava/sql/Connection;"}
  };
  private static final String[][] DATA_SOURCE = {
    {"getConnection", "()Ljava/sql/Connection;"},
    {"getConnection", "(Ljava/lang/String;Ljava/lang/String;)Ljava/sql/Connection;"}
  };
  private static final String[][] CONNECTION = {
    {"prepareStatement", "(Ljava/lang/String;)Ljava/sql/PreparedStatement;"},
    {"prepareCall", "(Ljava/lang/String;)Ljava/sql/CallableStatement;"},
    {"createStatement", "()Ljava/sql/Statement;"},
    {"setAutoCommit", "(Z)V"},
    {"commit", "()V"},
    {"rollback", "()V"},
    {"abort", "(Ljava/util/concurrent/Executor;)V"},
    {"close", "()V"}
  };
  private static final String[][] STATEMENT = {
    {"executeQuery", "()Ljava/sql/ResultSet;"},
    {"executeQuery", "(Ljava/lang/String;)Ljava/sql/ResultSet;"},
    {"execute", "()Z"},
    {"execute", "(Ljava/lang/String;)Z"},
    {"executeUpdate", "()I"},
    {"executeUpdate", "(Ljava/lang/String;)I"},
    {"executeBatch", "()[I"},
    {"setQueryTimeout", "(I)V"},
    {"close", "()V"}
  };

  private WeavingWarmUp() {}

  /** {@link #run}, for after the application may use the weaving; a failure is only logged. */
  static void runQuietly(ClassFileTransformer byteBuddy) {
    try {
      run(byteBuddy);
    } catch (Throwable t) {
      AgentLog.debug("Poolscope's weaving warm-up failed: " + t);
    }
  }

  /**
   * Weaves the four class files with {@code byteBuddy}; returns how many it changed. Failures are
   * the caller's to ignore.
   */
  static int run(ClassFileTransformer byteBuddy) throws Exception {
    ClassLoader loader = ClassLoader.getSystemClassLoader();
    return weave(byteBuddy, loader, "WarmUpDriver", "java/sql/Driver", DRIVER)
        + weave(byteBuddy, loader, "WarmUpDataSource", "javax/sql/DataSource", DATA_SOURCE)
        + weave(byteBuddy, loader, "WarmUpConnection", "java/sql/Connection", CONNECTION)
        + weave(byteBuddy, loader, "WarmUpStatement", "java/sql/PreparedStatement", STATEMENT);
  }

  private static int weave(
      ClassFileTransformer byteBuddy,
      ClassLoader loader,
      String simpleName,
      String jdbcInterface,
      String[][] methods)
      throws Exception {
    String name = PACKAGE + simpleName;
    byte[] original = classFile(name, jdbcInterface, methods);
    byte[] woven = byteBuddy.transform(loader, name, null, null, original);
    return woven == null ? 0 : 1;
  }

  /**
   * A class implementing {@code jdbcInterface} that declares {@code methods}, each returning at
   * once.
   */
  static byte[] classFile(String name, String jdbcInterface, String[][] methods) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    writer.visit(
        Opcodes.V11,
        Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT,
        name,
        null,
        "java/lang/Object",
        new String[] {jdbcInterface});
    for (String[] method : methods) {
      MethodVisitor code = writer.visitMethod(Opcodes.ACC_PUBLIC, method[0], method[1], null, null);
      code.visitCode();
      char returned = method[1].charAt(method[1].indexOf(')') + 1);
      if (returned == 'V') {
        code.visitInsn(Opcodes.RETURN);
      } else if (returned == 'Z' || returned == 'I') {
        code.visitInsn(Opcodes.ICONST_0);
        code.visitInsn(Opcodes.IRETURN);
      } else {
        code.visitInsn(Opcodes.ACONST_NULL);
        code.visitInsn(Opcodes.ARETURN);
      }
      code.visitMaxs(0, 0);
      code.visitEnd();
    }
    writer.visitEnd();
    return writer.toByteArray();
  }
}
