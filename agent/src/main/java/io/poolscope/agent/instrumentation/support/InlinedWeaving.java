package io.poolscope.agent.instrumentation.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Weaves {@link InlinedMethod}s into one class file with plain ASM: what premain does instead of
 * Byte Buddy for the classes whose woven super types are known, so that an application's start pays
 * neither Byte Buddy's set-up nor its type descriptions. Two passes: the first finds the matched
 * methods and their own numbers of local slots, the second copies the class with the hook calls
 * written in ({@link HookedMethod}). Nothing is added but code: no member, no attribute.
 */
final class InlinedWeaving {
  private InlinedWeaving() {}

  /** The class file with the hooks written in; null when none of its methods is matched. */
  static byte[] weave(byte[] classFile, List<InlinedMethod> methods) {
    ClassReader reader = new ClassReader(classFile);
    Map<String, InlinedMethod> matched = new HashMap<>();
    Map<String, Integer> maxLocals = new HashMap<>();
    reader.accept(
        new MatchedMethods(methods, matched, maxLocals),
        ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    if (matched.isEmpty()) {
      return null;
    }
    String owner = reader.getClassName();
    boolean frames = reader.readUnsignedShort(6) >= Opcodes.V1_6;
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    reader.accept(
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
            String key = name + descriptor;
            InlinedMethod hooks = matched.get(key);
            return hooks == null
                ? next
                : new HookedMethod(next, owner, descriptor, hooks, maxLocals.get(key), frames);
          }
        },
        ClassReader.EXPAND_FRAMES);
    return writer.toByteArray();
  }

  /** First pass: which methods are matched (the first rule that matches wins), and their maxima. */
  private static final class MatchedMethods extends ClassVisitor {
    private final List<InlinedMethod> methods;
    private final Map<String, InlinedMethod> matched;
    private final Map<String, Integer> maxLocals;

    MatchedMethods(
        List<InlinedMethod> methods,
        Map<String, InlinedMethod> matched,
        Map<String, Integer> maxLocals) {
      super(Opcodes.ASM9);
      this.methods = methods;
      this.matched = matched;
      this.maxLocals = maxLocals;
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      for (InlinedMethod method : methods) {
        if (method.matches(access, name, descriptor)) {
          String key = name + descriptor;
          matched.put(key, method);
          return new MethodVisitor(Opcodes.ASM9) {
            @Override
            public void visitMaxs(int maxStack, int locals) {
              maxLocals.put(key, locals);
            }
          };
        }
      }
      return null;
    }
  }
}
