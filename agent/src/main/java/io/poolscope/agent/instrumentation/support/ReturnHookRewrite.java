package io.poolscope.agent.instrumentation.support;

import io.poolscope.agent.output.log.AgentLog;
import java.util.function.UnaryOperator;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * A call to a static method of {@code io.poolscope.bootstrap.Hooks} before each return of the
 * methods of one name and arity, written with plain ASM: what an exit advice that only tells the
 * hooks does, for the few classes premain's transformer rewrites without waiting for Byte Buddy
 * (see {@link LibraryInstrumentation#rewritesWithoutByteBuddy()}). The hook is called with no
 * argument, or with the rewritten class; it must not throw.
 */
public final class ReturnHookRewrite implements UnaryOperator<byte[]> {
  private static final String HOOKS = "io/poolscope/bootstrap/Hooks";

  private final String method;
  private final int arguments;
  private final String hook;
  private final boolean passesClass;

  private ReturnHookRewrite(String method, int arguments, String hook, boolean passesClass) {
    this.method = method;
    this.arguments = arguments;
    this.hook = hook;
    this.passesClass = passesClass;
  }

  /** Calls {@code Hooks.<hook>()} before each return of {@code method} with {@code arguments}. */
  public static ReturnHookRewrite callingHook(String method, int arguments, String hook) {
    return new ReturnHookRewrite(method, arguments, hook, false);
  }

  /** As {@link #callingHook}, calling {@code Hooks.<hook>(Class)} with the rewritten class. */
  public static ReturnHookRewrite callingHookWithClass(String method, int arguments, String hook) {
    return new ReturnHookRewrite(method, arguments, hook, true);
  }

  /** The class file with the calls added, or null (left as it is) when it cannot be done. */
  @Override
  public byte[] apply(byte[] classFile) {
    try {
      ClassReader reader = new ClassReader(classFile);
      if (passesClass && reader.readUnsignedShort(6) < Opcodes.V1_5) {
        return null; // no class constants before Java 5
      }
      ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
      reader.accept(new Methods(writer, reader.getClassName()), 0);
      return writer.toByteArray();
    } catch (RuntimeException unexpected) {
      AgentLog.debug("could not add Poolscope's " + hook + " call: " + unexpected);
      return null;
    }
  }

  private final class Methods extends ClassVisitor {
    private final String owner;

    Methods(ClassVisitor next, String owner) {
      super(Opcodes.ASM9, next);
      this.owner = owner;
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
      boolean matches =
          method.equals(name)
              && (access & Opcodes.ACC_ABSTRACT) == 0
              && Type.getArgumentTypes(descriptor).length == arguments;
      return matches ? new BeforeReturn(next, owner) : next;
    }
  }

  /** Adds the call before each return; what the method returns stays on the stack. */
  private final class BeforeReturn extends MethodVisitor {
    private final String owner;

    BeforeReturn(MethodVisitor next, String owner) {
      super(Opcodes.ASM9, next);
      this.owner = owner;
    }

    @Override
    public void visitInsn(int opcode) {
      if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
        if (passesClass) {
          super.visitLdcInsn(Type.getObjectType(owner));
          super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, hook, "(Ljava/lang/Class;)V", false);
        } else {
          super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, hook, "()V", false);
        }
      }
      super.visitInsn(opcode);
    }
  }
}
