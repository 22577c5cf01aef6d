package io.poolscope.agent.instrumentation.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.poolscope.bootstrap.Hooks;
import io.poolscope.bootstrap.LoggingListener;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A made-up class with an {@code initialize(Object, int)} that returns on two paths or throws,
 * rewritten as Spring Boot's {@code LoggingApplicationListener} is: the hook is told on each normal
 * return, not on a throw, and not for a method of the same name and another arity.
 */
class ReturnHookRewriteTest {
  private static final String NAME = "com/example/Listener";
  private final AtomicInteger told = new AtomicInteger();

  @AfterEach
  void uninstall() {
    Hooks.installLogging(null);
  }

  @Test
  void theHookIsToldOnEveryReturnOfTheMatchingMethodOnly() throws Exception {
    Hooks.installLogging(
        new LoggingListener() {
          @Override
          public void slf4jReady(Class<?> loggerFactoryClass) {}

          @Override
          public void springBootLoggingReady() {
            told.incrementAndGet();
          }
        });
    byte[] rewritten =
        ReturnHookRewrite.callingHook("initialize", 2, "springBootLoggingReady")
            .apply(listenerClass());
    Class<?> type =
        new ClassLoader(getClass().getClassLoader()) {
          Class<?> define() {
            return defineClass(NAME.replace('/', '.'), rewritten, 0, rewritten.length);
          }
        }.define();
    Object listener = type.getConstructor().newInstance();
    Method initialize = type.getMethod("initialize", Object.class, int.class);

    initialize.invoke(listener, "early", 0);
    initialize.invoke(listener, "late", 1);
    assertEquals(2, told.get(), "both returns");
    InvocationTargetException thrown =
        assertThrows(InvocationTargetException.class, () -> initialize.invoke(listener, null, 1));
    assertEquals(NullPointerException.class, thrown.getCause().getClass());
    type.getMethod("initialize", Object.class).invoke(listener, "other arity");
    assertEquals(2, told.get(), "not on a throw, nor another arity");
  }

  /**
   * {@code initialize(Object o, int path)}: returns at once when path is 0, else calls {@code
   * o.hashCode()} (throws for null) and returns; and {@code initialize(Object)}, which returns.
   */
  private static byte[] listenerClass() {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
    writer.visit(Opcodes.V11, Opcodes.ACC_PUBLIC, NAME, null, "java/lang/Object", null);
    MethodVisitor init = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
    init.visitCode();
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    init.visitInsn(Opcodes.RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();
    MethodVisitor two =
        writer.visitMethod(Opcodes.ACC_PUBLIC, "initialize", "(Ljava/lang/Object;I)V", null, null);
    two.visitCode();
    Label later = new Label();
    two.visitVarInsn(Opcodes.ILOAD, 2);
    two.visitJumpInsn(Opcodes.IFNE, later);
    two.visitInsn(Opcodes.RETURN);
    two.visitLabel(later);
    two.visitVarInsn(Opcodes.ALOAD, 1);
    two.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/Object", "hashCode", "()I", false);
    two.visitInsn(Opcodes.POP);
    two.visitInsn(Opcodes.RETURN);
    two.visitMaxs(0, 0);
    two.visitEnd();
    MethodVisitor one =
        writer.visitMethod(Opcodes.ACC_PUBLIC, "initialize", "(Ljava/lang/Object;)V", null, null);
    one.visitCode();
    one.visitInsn(Opcodes.RETURN);
    one.visitMaxs(0, 0);
    one.visitEnd();
    writer.visitEnd();
    return writer.toByteArray();
  }
}
