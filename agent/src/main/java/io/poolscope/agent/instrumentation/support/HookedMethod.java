package io.poolscope.agent.instrumentation.support;

import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Writes one {@link InlinedMethod} into one method as the class file is copied. The method's own
 * locals keep their slots; Poolscope's (a copy of the receiver, of the first argument, the enter
 * value) go above the method's maximum, are stored before its first instruction, and are added to
 * each of its stack map frames (read expanded). Each return jumps, with its value on the stack, to
 * one exit block after the method's code; when the exit also runs on exceptions, a handler for any
 * throwable covers the method's code, after the method's own handlers so that these still catch
 * first. Neither block is covered by the handler, so the exit code runs once per call.
 */
final class HookedMethod extends MethodVisitor {
  /** Where Poolscope's values live in the woven method, and the method's own shape. */
  static final class Slots {
    final Type[] arguments;
    final Type returnType;
    final InlinedMethod.EnterValue enterKind;
    int thisCopy = -1;
    int firstArgumentCopy = -1;
    int enterValue = -1;
    int result = -1;
    int thrown = -1;

    Slots(String descriptor, InlinedMethod.EnterValue enterKind) {
      this.arguments = Type.getArgumentTypes(descriptor);
      this.returnType = Type.getReturnType(descriptor);
      this.enterKind = enterKind;
    }

    /** The slot of argument {@code index} of an instance method. */
    int argumentSlot(int index) {
      int slot = 1;
      for (int i = 0; i < index; i++) {
        slot += arguments[i].getSize();
      }
      return slot;
    }
  }

  private final InlinedMethod hooks;
  private final Slots slots;
  private final boolean writesFrames;

  /** Stack map types of Poolscope's locals kept across the method, in slot order. */
  private final Object[] keptTypes;

  private final int firstKeptSlot;
  private final Label start = new Label();
  private final Label end = new Label();
  private final Label exitBlock = new Label();
  private final Label handler = new Label();
  private boolean returns;

  /**
   * @param maxLocals the method's own maximum of local slots, read before
   * @param writesFrames whether the class file has stack map frames (version 50 and later)
   */
  HookedMethod(
      MethodVisitor next,
      String owner,
      String descriptor,
      InlinedMethod hooks,
      int maxLocals,
      boolean writesFrames) {
    super(Opcodes.ASM9, next);
    this.hooks = hooks;
    this.slots = new Slots(descriptor, hooks.enterValue());
    this.writesFrames = writesFrames;
    this.firstKeptSlot = maxLocals;
    java.util.List<Object> kept = new java.util.ArrayList<>(3);
    int slot = maxLocals;
    if (hooks.hasExit()) {
      slots.thisCopy = slot++;
      kept.add(owner);
      if (hooks.exitReadsFirstArgument()) {
        Type first = slots.arguments[0];
        slots.firstArgumentCopy = slot;
        slot += first.getSize();
        kept.add(frameType(first));
      }
    }
    if (hooks.enterValue() == InlinedMethod.EnterValue.OBJECT) {
      slots.enterValue = slot++;
      kept.add("java/lang/Object");
    } else if (hooks.enterValue() == InlinedMethod.EnterValue.LONG) {
      slots.enterValue = slot;
      slot += 2;
      kept.add(Opcodes.LONG);
    }
    this.keptTypes = kept.toArray();
    if (hooks.hasExit()) {
      slots.result = slot;
      slot += Math.max(1, slots.returnType.getSize());
      slots.thrown = slot;
    }
  }

  @Override
  public void visitCode() {
    super.visitCode();
    if (slots.thisCopy >= 0) {
      super.visitVarInsn(Opcodes.ALOAD, 0);
      super.visitVarInsn(Opcodes.ASTORE, slots.thisCopy);
    }
    if (slots.firstArgumentCopy >= 0) {
      Type first = slots.arguments[0];
      super.visitVarInsn(first.getOpcode(Opcodes.ILOAD), slots.argumentSlot(0));
      super.visitVarInsn(first.getOpcode(Opcodes.ISTORE), slots.firstArgumentCopy);
    }
    hooks.writeEnter(new HookCode(mv, slots, HookCode.Place.ENTER));
    super.visitLabel(start);
  }

  @Override
  public void visitInsn(int opcode) {
    if (hooks.hasExit() && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
      returns = true;
      super.visitJumpInsn(Opcodes.GOTO, exitBlock);
      return;
    }
    super.visitInsn(opcode);
  }

  @Override
  public void visitFrame(
      int type, int localCount, Object[] locals, int stackCount, Object[] stack) {
    if (keptTypes.length == 0) {
      super.visitFrame(type, localCount, locals, stackCount, stack);
      return;
    }
    if (type != Opcodes.F_NEW) {
      throw new IllegalStateException("frames must be read expanded");
    }
    int slot = 0;
    java.util.List<Object> all = new java.util.ArrayList<>(localCount + keptTypes.length + 8);
    for (int i = 0; i < localCount; i++) {
      all.add(locals[i]);
      slot += locals[i] == Opcodes.LONG || locals[i] == Opcodes.DOUBLE ? 2 : 1;
    }
    for (; slot < firstKeptSlot; slot++) {
      all.add(Opcodes.TOP);
    }
    java.util.Collections.addAll(all, keptTypes);
    super.visitFrame(Opcodes.F_NEW, all.size(), all.toArray(), stackCount, stack);
  }

  @Override
  public void visitMaxs(int maxStack, int maxLocals) {
    if (hooks.hasExit()) {
      super.visitLabel(end);
      if (returns) {
        writeExitBlock();
      }
      if (hooks.exitOnThrow()) {
        writeHandler();
      }
    }
    super.visitMaxs(maxStack, maxLocals); // recomputed by the writer
  }

  /** Reached from every return with the value on the stack: the exit code, then the return. */
  private void writeExitBlock() {
    super.visitLabel(exitBlock);
    Type type = slots.returnType;
    if (type.getSort() == Type.VOID) {
      frame();
      hooks.writeExit(new HookCode(mv, slots, HookCode.Place.RETURN));
      super.visitInsn(Opcodes.RETURN);
      return;
    }
    frame(frameType(type));
    super.visitVarInsn(type.getOpcode(Opcodes.ISTORE), slots.result);
    hooks.writeExit(new HookCode(mv, slots, HookCode.Place.RETURN));
    super.visitVarInsn(type.getOpcode(Opcodes.ILOAD), slots.result);
    super.visitInsn(type.getOpcode(Opcodes.IRETURN));
  }

  /** Catches what leaves the method's code: the exit code, then the same throwable rethrown. */
  private void writeHandler() {
    super.visitTryCatchBlock(start, end, handler, null);
    super.visitLabel(handler);
    frame("java/lang/Throwable");
    super.visitVarInsn(Opcodes.ASTORE, slots.thrown);
    hooks.writeExit(new HookCode(mv, slots, HookCode.Place.THROW));
    super.visitVarInsn(Opcodes.ALOAD, slots.thrown);
    super.visitInsn(Opcodes.ATHROW);
  }

  /** A frame with only Poolscope's locals, and the stack given. */
  private void frame(Object... stack) {
    if (!writesFrames) {
      return;
    }
    Object[] locals = new Object[firstKeptSlot + keptTypes.length];
    java.util.Arrays.fill(locals, 0, firstKeptSlot, Opcodes.TOP);
    System.arraycopy(keptTypes, 0, locals, firstKeptSlot, keptTypes.length);
    super.visitFrame(Opcodes.F_NEW, locals.length, locals, stack.length, stack);
  }

  private static Object frameType(Type type) {
    switch (type.getSort()) {
      case Type.BOOLEAN:
      case Type.CHAR:
      case Type.BYTE:
      case Type.SHORT:
      case Type.INT:
        return Opcodes.INTEGER;
      case Type.FLOAT:
        return Opcodes.FLOAT;
      case Type.LONG:
        return Opcodes.LONG;
      case Type.DOUBLE:
        return Opcodes.DOUBLE;
      case Type.ARRAY:
        return type.getDescriptor();
      default:
        return type.getInternalName();
    }
  }
}
