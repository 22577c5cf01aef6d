package io.poolscope.agent.instrumentation.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.poolscope.agent.startup.WovenLibraries;
import java.io.IOException;
import java.lang.instrument.ClassFileTransformer;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

/**
 * Premain weaves the real drivers and pools without Byte Buddy ({@link InlinedWeaving}); an attach
 * weaves them with Byte Buddy. Here every class of H2, PgJDBC and the pools goes through both: the
 * inlined weaving must cover each of them (Agroal, whose library has no inlined rules, is not
 * examined), call the same hooks from the same methods, and give classes that the JVM's verifier
 * accepts.
 */
class InlinedWeavingTest {
  /** The class files examined: (a class of the jar, the package prefix within it). */
  private static final Object[][] SCANNED = {
    {org.h2.Driver.class, "org/h2/"},
    {org.postgresql.Driver.class, "org/postgresql/"},
    {com.zaxxer.hikari.HikariDataSource.class, "com/zaxxer/hikari/"},
    {org.apache.commons.dbcp2.BasicDataSource.class, "org/apache/commons/dbcp2/"},
    {org.apache.tomcat.jdbc.pool.DataSourceProxy.class, "org/apache/tomcat/jdbc/pool/"},
    {com.mchange.v2.c3p0.ComboPooledDataSource.class, "com/mchange/v2/c3p0/"},
  };

  /**
   * Left to Byte Buddy, rightly: its super types (Hibernate's) are not on this class path, so what
   * it implements cannot be read from class files.
   */
  private static final List<String> UNREADABLE_ANCESTRY =
      List.of("com/zaxxer/hikari/hibernate/HikariConnectionProvider");

  /** Hooks only the inlined code calls: it has no branch, they take the advice's branches. */
  private static final Set<String> BRANCH_FREE_HELPERS =
      Set.of("acquireRefused", "connectRefused", "connectUrl", "connectProperties");

  @Test
  void theInlinedWeavingCallsTheHooksByteBuddyCallsAndNeedsNoByteBuddy() throws Exception {
    List<LibraryInstrumentation> libraries = WovenLibraries.all();
    ClassFileTransformer byteBuddy = ByteBuddyWeaving.transformer(libraries);
    DeferredWeaving weaving = AgentInstaller.deferredWeaving(libraries);
    ClassLoader loader = getClass().getClassLoader();
    List<String> differences = new ArrayList<>();
    List<String> leftToByteBuddy = new ArrayList<>();
    int woven = 0;
    for (Map.Entry<String, byte[]> file : scannedClassFiles().entrySet()) {
      String name = file.getKey();
      byte[] original = file.getValue();
      List<InlinedMethod> methods = weaving.inlinedMethodsFor(loader, name, original);
      if (methods == null) {
        leftToByteBuddy.add(name);
        continue;
      }
      byte[] inlined = methods.isEmpty() ? null : InlinedWeaving.weave(original, methods);
      byte[] byByteBuddy = byteBuddy.transform(loader, name, null, null, original.clone());
      Map<String, Set<String>> expected = hooksCalled(byByteBuddy);
      Map<String, Set<String>> actual = hooksCalled(inlined);
      actual.values().forEach(hooks -> hooks.removeAll(BRANCH_FREE_HELPERS));
      if (!expected.equals(actual)) {
        differences.add(name + ": Byte Buddy " + expected + ", inlined " + actual);
      }
      if (!actual.isEmpty()) {
        woven++;
      }
    }
    assertEquals(List.of(), differences);
    assertEquals(
        UNREADABLE_ANCESTRY, leftToByteBuddy, "classes the inlined weaving leaves to Byte Buddy");
    assertTrue(woven >= 40, "classes woven: " + woven);
  }

  @Test
  void theVerifierAcceptsEveryWovenClass() throws Exception {
    DeferredWeaving weaving = AgentInstaller.deferredWeaving(WovenLibraries.all());
    ClassLoader parent = getClass().getClassLoader();
    Map<String, byte[]> files = scannedClassFiles();
    Map<String, byte[]> woven = new HashMap<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      List<InlinedMethod> methods =
          weaving.inlinedMethodsFor(parent, file.getKey(), file.getValue());
      if (methods != null && !methods.isEmpty()) {
        byte[] bytes = InlinedWeaving.weave(file.getValue(), methods);
        if (bytes != null) {
          woven.put(file.getKey(), bytes);
        }
      }
    }
    ChildFirst loader = new ChildFirst(parent, files, woven);
    List<String> rejected = new ArrayList<>();
    for (String name : woven.keySet()) {
      try {
        Class.forName(name.replace('/', '.'), true, loader);
      } catch (VerifyError | ClassFormatError broken) {
        rejected.add(name + ": " + broken);
      } catch (Throwable unrelated) {
        // a static initializer that needs what this test does not set up: not about the weaving
        if (causedByVerification(unrelated)) {
          rejected.add(name + ": " + unrelated);
        }
      }
    }
    assertEquals(List.of(), rejected);
    assertTrue(woven.size() >= 40, "classes woven: " + woven.size());
  }

  private static boolean causedByVerification(Throwable t) {
    for (Throwable cause = t; cause != null; cause = cause.getCause()) {
      if (cause instanceof VerifyError || cause instanceof ClassFormatError) {
        return true;
      }
    }
    return false;
  }

  /** Defines the scanned classes itself (the woven ones woven), the rest from its parent. */
  private static final class ChildFirst extends ClassLoader {
    private final Map<String, byte[]> files;
    private final Map<String, byte[]> woven;

    ChildFirst(ClassLoader parent, Map<String, byte[]> files, Map<String, byte[]> woven) {
      super(parent);
      this.files = files;
      this.woven = woven;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      String internal = name.replace('.', '/');
      byte[] bytes = woven.getOrDefault(internal, files.get(internal));
      if (bytes == null) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        return loaded != null ? loaded : defineClass(name, bytes, 0, bytes.length);
      }
    }
  }

  /** For each method of the class file: the {@code Hooks} methods it calls. */
  private static Map<String, Set<String>> hooksCalled(byte[] classFile) {
    Map<String, Set<String>> calls = new TreeMap<>();
    if (classFile == null) {
      return calls;
    }
    new ClassReader(classFile)
        .accept(
            new ClassVisitor(Opcodes.ASM9) {
              @Override
              public MethodVisitor visitMethod(
                  int access, String name, String descriptor, String signature, String[] ex) {
                String key = name + descriptor;
                return new MethodVisitor(Opcodes.ASM9) {
                  @Override
                  public void visitMethodInsn(
                      int opcode, String owner, String method, String desc, boolean itf) {
                    if (owner.equals("io/poolscope/bootstrap/Hooks")) {
                      calls.computeIfAbsent(key, k -> new TreeSet<>()).add(method);
                    }
                  }
                };
              }
            },
            ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return calls;
  }

  private static Map<String, byte[]> scannedClassFiles() throws IOException, URISyntaxException {
    Map<String, byte[]> files = new TreeMap<>();
    for (Object[] scanned : SCANNED) {
      files.putAll(JarClassFiles.under((Class<?>) scanned[0], (String) scanned[1]));
    }
    return files;
  }
}
