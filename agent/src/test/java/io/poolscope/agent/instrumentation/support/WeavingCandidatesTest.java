package io.poolscope.agent.instrumentation.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

/**
 * Class files are made with ASM and served as resources by {@link Classes}, a loader that never
 * defines them: the filter sees bytes only, as a transformer does before the JVM defines a class
 * and loads its super types.
 */
class WeavingCandidatesTest {
  private final WeavingCandidates candidates =
      new WeavingCandidates(
          List.of("com.example.pool.NamedPool"),
          List.of(
              "java.sql.Driver",
              "javax.sql.DataSource",
              "java.sql.Connection",
              "java.sql.Statement"),
          List.of("close", "executeQuery"));

  /** A class loader holding class files by name, as resources only. */
  static final class Classes extends ClassLoader {
    final Map<String, byte[]> files = new HashMap<>();
    int reads;

    Classes() {
      super(ClassLoader.getSystemClassLoader());
    }

    byte[] add(String name, Class<?> superClass, Class<?>... interfaces) {
      return add(name, superClass.getName(), interfaces);
    }

    byte[] add(String name, String superClass, Class<?>... interfaces) {
      return put(name, Opcodes.ACC_PUBLIC, superClass, names(interfaces));
    }

    byte[] addInterface(String name, Class<?>... superInterfaces) {
      int access = Opcodes.ACC_PUBLIC | Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT;
      return put(name, access, "java.lang.Object", names(superInterfaces));
    }

    byte[] addFinal(String name, Class<?>... interfaces) {
      return put(
          name, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL, "java.lang.Object", names(interfaces));
    }

    /** A class file with a header and a {@code close()} method: what the filter reads. */
    byte[] put(String name, int access, String superClass, String... interfaces) {
      return putDeclaring(name, access, "close", superClass, interfaces);
    }

    /** A class file with a header and one method, {@code method()}. */
    byte[] putDeclaring(
        String name, int access, String method, String superClass, String... interfaces) {
      ClassWriter writer = new ClassWriter(0);
      String[] internalInterfaces = new String[interfaces.length];
      for (int i = 0; i < interfaces.length; i++) {
        internalInterfaces[i] = interfaces[i].replace('.', '/');
      }
      writer.visit(
          Opcodes.V11,
          access,
          name.replace('.', '/'),
          null,
          superClass.replace('.', '/'),
          internalInterfaces);
      // A field and an attribute first: the filter skips them to reach the methods.
      writer.visitField(Opcodes.ACC_PRIVATE, "state", "I", null, null).visitEnd();
      writer.visitSource(name + ".java", null);
      int abstractness = (access & Opcodes.ACC_INTERFACE) != 0 ? Opcodes.ACC_ABSTRACT : 0;
      writer.visitMethod(Opcodes.ACC_PUBLIC | abstractness, method, "()V", null, null).visitEnd();
      writer.visitEnd();
      byte[] bytes = writer.toByteArray();
      files.put(name.replace('.', '/') + ".class", bytes);
      return bytes;
    }

    private static String[] names(Class<?>... types) {
      String[] names = new String[types.length];
      for (int i = 0; i < types.length; i++) {
        names[i] = types[i].getName();
      }
      return names;
    }

    @Override
    public InputStream getResourceAsStream(String name) {
      reads++;
      byte[] bytes = files.get(name);
      return bytes != null ? new ByteArrayInputStream(bytes) : super.getResourceAsStream(name);
    }
  }

  private boolean mayWeave(Classes loader, String name) {
    String internal = name.replace('.', '/');
    return candidates.mayWeave(loader, internal, loader.files.get(internal + ".class"));
  }

  @Test
  void aDirectImplementationIsACandidate() {
    Classes app = new Classes();
    app.add("com.example.MyConnection", Object.class, Connection.class);
    app.add("com.example.MyDataSource", Object.class, DataSource.class);
    assertTrue(mayWeave(app, "com.example.MyConnection"));
    assertTrue(mayWeave(app, "com.example.MyDataSource"));
  }

  @Test
  void aSubclassSeenBeforeItsSuperClassIsACandidate() {
    Classes app = new Classes();
    app.add("com.example.BaseStatement", Object.class, Statement.class);
    app.add("com.example.SubStatement", "com.example.BaseStatement");
    assertTrue(mayWeave(app, "com.example.SubStatement"), "the JVM loads BaseStatement after");
    assertTrue(mayWeave(app, "com.example.BaseStatement"));
  }

  @Test
  void jdbcSubInterfacesOfTheJdkAndOfLibrariesLead() {
    Classes app = new Classes();
    app.add("com.example.MyPrepared", Object.class, PreparedStatement.class);
    app.addInterface("com.example.api.PoolConnection", Connection.class);
    app.add("com.example.ViaOwnInterface", Object.class);
    app.add("com.example.Impl", "com.example.Base");
    app.add("com.example.Base", Object.class);
    assertTrue(mayWeave(app, "com.example.MyPrepared"));
    app.put(
        "com.example.ProxyConnection",
        Opcodes.ACC_PUBLIC,
        "java.lang.Object",
        "com.example.api.PoolConnection");
    assertTrue(mayWeave(app, "com.example.ProxyConnection"), "through an interface not loaded");
    assertFalse(mayWeave(app, "com.example.api.PoolConnection"), "an interface is not woven");
    assertFalse(mayWeave(app, "com.example.Impl"));
  }

  @Test
  void aClassWithoutJdbcAncestryIsNotACandidateAndIsRemembered() {
    Classes app = new Classes();
    app.add("com.example.Base", java.util.AbstractList.class, Runnable.class);
    app.add("com.example.Leaf", "com.example.Base");
    assertFalse(mayWeave(app, "com.example.Leaf"));
    int known = candidates.knownOthers();
    assertFalse(mayWeave(app, "com.example.Base"), "learnt while deciding Leaf");
    assertFalse(mayWeave(app, "com.example.Leaf"));
    assertTrue(known >= 2 && candidates.knownOthers() == known, "nothing read twice");
  }

  @Test
  void whatIsLearntAboutOneLoaderDoesNotHideAnotherLoadersClass() {
    Classes first = new Classes();
    first.add("com.example.Shared", Object.class);
    first.add("com.example.Child", "com.example.Shared");
    assertFalse(mayWeave(first, "com.example.Child"));
    Classes second = new Classes();
    second.add("com.example.Shared", Object.class, Connection.class);
    second.add("com.example.Child", "com.example.Shared");
    assertTrue(mayWeave(second, "com.example.Child"));
  }

  @Test
  void aSuperTypeThatCannotBeReadLeavesTheDecisionToByteBuddy() {
    Classes app = new Classes();
    app.add("com.example.OnGenerated", "com.example.Generated$$Runtime");
    assertTrue(mayWeave(app, "com.example.OnGenerated"));
  }

  /** The binary names of the woven super types in {@code mask}. */
  private List<String> superTypes(Classes loader, String name) {
    String internal = name.replace('.', '/');
    long mask = candidates.superTypes(loader, internal, loader.files.get(internal + ".class"));
    List<String> names = new java.util.ArrayList<>();
    for (int bit = 0; bit < 4; bit++) {
      if ((mask & (1L << bit)) != 0) {
        names.add(candidates.superTypeName(bit));
      }
    }
    return names;
  }

  @Test
  void whichWovenSuperTypesAClassLeadsToIsKnownOnePerInterface() {
    Classes app = new Classes();
    app.add("com.example.BaseStatement", Object.class, PreparedStatement.class);
    app.add("com.example.SubStatement", "com.example.BaseStatement");
    app.add("com.example.Both", "com.example.BaseStatement", Connection.class);
    assertEquals(List.of("java.sql.Statement"), superTypes(app, "com.example.SubStatement"));
    assertEquals(List.of("java.sql.Statement"), superTypes(app, "com.example.BaseStatement"));
    assertEquals(
        List.of("java.sql.Connection", "java.sql.Statement"), superTypes(app, "com.example.Both"));
    int reads = app.reads;
    assertEquals(
        List.of("java.sql.Connection", "java.sql.Statement"), superTypes(app, "com.example.Both"));
    assertEquals(reads, app.reads, "what was learnt is kept, with which super types");
  }

  @Test
  void aSuperTypeThatCannotBeReadMakesTheSuperTypesUnknown() {
    Classes app = new Classes();
    app.add("com.example.OnGenerated", "com.example.Generated$$Runtime", Connection.class);
    String internal = "com/example/OnGenerated";
    assertEquals(
        WeavingCandidates.UNKNOWN,
        candidates.superTypes(app, internal, app.files.get(internal + ".class")));
  }

  @Test
  void aClassWovenByNameSaysSo() {
    Classes app = new Classes();
    app.add("com.example.pool.NamedPool", Object.class, DataSource.class);
    String internal = "com/example/pool/NamedPool";
    long mask = candidates.superTypes(app, internal, app.files.get(internal + ".class"));
    assertTrue((mask & WeavingCandidates.BY_NAME) != 0);
    assertEquals(List.of("javax.sql.DataSource"), superTypes(app, "com.example.pool.NamedPool"));
  }

  @Test
  void classesWovenByNameAreCandidatesWhateverTheyExtend() {
    Classes app = new Classes();
    app.add("com.example.pool.NamedPool", Object.class);
    assertTrue(mayWeave(app, "com.example.pool.NamedPool"));
  }

  @Test
  void ignoredPackagesAreDecidedByName() {
    Classes app = new Classes();
    app.add("org.slf4j.helpers.Util", Object.class, Connection.class);
    assertFalse(mayWeave(app, "org.slf4j.helpers.Util"));
    app.add("org.slf4j.LoggerFactory", Object.class);
    assertTrue(
        new WeavingCandidates(List.of("org.slf4j.LoggerFactory"), List.of(), List.of())
            .mayWeave(
                app, "org/slf4j/LoggerFactory", app.files.get("org/slf4j/LoggerFactory.class")));
  }

  @Test
  void dynamicProxiesOfJdbcInterfacesAreCandidates() {
    Classes app = new Classes();
    app.addFinal("jdk.proxy2.$Proxy7", Connection.class);
    assertTrue(mayWeave(app, "jdk.proxy2.$Proxy7"));
  }

  @Test
  void aClassThatDeclaresNoWovenMethodIsNoCandidateAndNothingIsRead() {
    Classes app = new Classes();
    app.putDeclaring(
        "com.example.Helper", Opcodes.ACC_PUBLIC, "toString", "com.example.NotLoadedYet");
    app.putDeclaring(
        "com.example.Wrapper", Opcodes.ACC_PUBLIC, "unwrap", "java.lang.Object", CONNECTION);
    assertFalse(mayWeave(app, "com.example.Helper"), "its super type is never read");
    assertFalse(mayWeave(app, "com.example.Wrapper"), "a Connection, but nothing to weave");
    assertEquals(0, app.reads);
  }

  @Test
  void aSubclassThatDeclaresAWovenMethodBelowOneThatDeclaresNoneIsACandidate() {
    Classes app = new Classes();
    app.putDeclaring(
        "com.example.BaseConnection", Opcodes.ACC_PUBLIC, "unwrap", "java.lang.Object", CONNECTION);
    app.putDeclaring("com.example.NoisyBase", Opcodes.ACC_PUBLIC, "toString", "com.example.Unread");
    app.add("com.example.Unread", Object.class, Statement.class);
    app.add("com.example.PoolConnection", "com.example.BaseConnection");
    app.add("com.example.PoolStatement", "com.example.NoisyBase");
    assertFalse(mayWeave(app, "com.example.BaseConnection"));
    assertFalse(mayWeave(app, "com.example.NoisyBase"));
    assertEquals(0, app.reads);
    assertTrue(mayWeave(app, "com.example.PoolConnection"), "learnt without a read");
    assertEquals(0, app.reads);
    assertTrue(mayWeave(app, "com.example.PoolStatement"), "read now, since it is asked");
  }

  private static final String CONNECTION = Connection.class.getName();
}
