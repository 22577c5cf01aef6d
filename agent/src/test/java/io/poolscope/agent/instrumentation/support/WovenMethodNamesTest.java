package io.poolscope.agent.instrumentation.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.agent.startup.WovenLibraries;
import java.lang.instrument.ClassFileTransformer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

/**
 * The header filter turns a class away when it declares none of the libraries' {@code
 * methodNames()}, before Byte Buddy sees it. Here every class of the drivers' JDBC packages and of
 * the five pools goes through both: Byte Buddy's own transformer must change no method of a class
 * the filter turned away, and every method it changes in a class not woven by name must be named in
 * a {@code methodNames()} list (else a class declaring only that method would be turned away).
 */
class WovenMethodNamesTest {
  /** The class files examined: (a class of the jar, the package prefix within it). */
  private static final Object[][] SCANNED = {
    {org.h2.Driver.class, "org/h2/jdbc"},
    {org.h2.Driver.class, "org/h2/jdbcx"},
    {org.h2.Driver.class, "org/h2/Driver"},
    {org.postgresql.Driver.class, "org/postgresql/jdbc"},
    {org.postgresql.Driver.class, "org/postgresql/ds"},
    {org.postgresql.Driver.class, "org/postgresql/Driver"},
    {com.zaxxer.hikari.HikariDataSource.class, "com/zaxxer/hikari"},
    {org.apache.commons.dbcp2.BasicDataSource.class, "org/apache/commons/dbcp2"},
    {org.apache.tomcat.jdbc.pool.DataSourceProxy.class, "org/apache/tomcat/jdbc/pool"},
    {com.mchange.v2.c3p0.ComboPooledDataSource.class, "com/mchange/v2/c3p0"},
    {io.agroal.pool.ConnectionPool.class, "io/agroal"},
    {io.agroal.api.AgroalDataSource.class, "io/agroal"},
  };

  @Test
  void byteBuddyChangesNoClassTheFilterTurnsAway() throws Exception {
    List<LibraryInstrumentation> libraries = WovenLibraries.all();
    ClassFileTransformer byteBuddy = ByteBuddyWeaving.transformer(libraries);
    WeavingCandidates filter = AgentInstaller.candidates(libraries);
    ClassLoader loader = getClass().getClassLoader();
    Set<String> methodNames = new HashSet<>();
    Set<String> byName = new HashSet<>();
    for (LibraryInstrumentation library : libraries) {
      methodNames.addAll(library.methodNames());
      library.typeNames().forEach(type -> byName.add(type.replace('.', '/')));
    }
    List<String> missed = new ArrayList<>();
    List<String> unnamed = new ArrayList<>();
    int woven = 0;
    int turnedAway = 0;
    for (Object[] scanned : SCANNED) {
      for (Map.Entry<String, byte[]> file :
          JarClassFiles.under((Class<?>) scanned[0], (String) scanned[1]).entrySet()) {
        String name = file.getKey();
        byte[] original = file.getValue();
        byte[] transformed = byteBuddy.transform(loader, name, null, null, original.clone());
        List<String> changed = changedMethods(original, transformed);
        boolean candidate = filter.mayWeave(loader, name, original);
        if (!changed.isEmpty()) {
          woven++;
          if (!candidate) {
            missed.add(name + " " + changed);
          }
          for (String method : changed) {
            String methodName = method.substring(0, method.indexOf('('));
            if (!byName.contains(name) && !methodNames.contains(methodName)) {
              unnamed.add(name + "." + method);
            }
          }
        } else if (!candidate) {
          turnedAway++;
        }
      }
    }
    assertEquals(List.of(), missed, "woven by Byte Buddy, turned away by the filter");
    assertEquals(List.of(), unnamed, "woven, and in no library's methodNames()");
    assertTrue(woven >= 40, "classes woven: " + woven);
    assertTrue(turnedAway >= 500, "classes turned away: " + turnedAway);
  }

  /** Names of the methods whose instructions differ between the two class files. */
  private static List<String> changedMethods(byte[] original, byte[] transformed) {
    List<String> changed = new ArrayList<>();
    if (transformed == null) {
      return changed;
    }
    Map<String, Integer> before = instructionCounts(original);
    instructionCounts(transformed)
        .forEach(
            (method, count) -> {
              if (!count.equals(before.get(method))) {
                changed.add(method);
              }
            });
    return changed;
  }

  private static Map<String, Integer> instructionCounts(byte[] classFile) {
    Map<String, Integer> counts = new HashMap<>();
    new ClassReader(classFile)
        .accept(
            new ClassVisitor(Opcodes.ASM9) {
              @Override
              public MethodVisitor visitMethod(
                  int access, String name, String descriptor, String signature, String[] ex) {
                String key = name + descriptor;
                counts.put(key, 0);
                return new MethodVisitor(Opcodes.ASM9) {
                  @Override
                  public void visitInsn(int opcode) {
                    counts.merge(key, 1, Integer::sum);
                  }

                  @Override
                  public void visitMethodInsn(
                      int opcode, String owner, String method, String desc, boolean itf) {
                    counts.merge(key, 1, Integer::sum);
                  }

                  @Override
                  public void visitVarInsn(int opcode, int var) {
                    counts.merge(key, 1, Integer::sum);
                  }

                  @Override
                  public void visitJumpInsn(int opcode, net.bytebuddy.jar.asm.Label label) {
                    counts.merge(key, 1, Integer::sum);
                  }
                };
              }
            },
            ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return counts;
  }
}
