package io.poolscope.agent.instrumentation.support;

import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * What the enter and exit code of an {@link InlinedMethod} is written with: loads of the woven
 * method's receiver, arguments, result and exception, the enter value, and calls of {@code
 * io.poolscope.bootstrap.Hooks}. Exit code reads the receiver and the first argument from copies
 * taken at entry, so that the exit blocks' frames need no type of the method's own locals.
 */
public final class HookCode {
  private static final String HOOKS = "io/poolscope/bootstrap/Hooks";

  enum Place {
    ENTER,
    RETURN,
    THROW
  }

  private final MethodVisitor code;
  private final HookedMethod.Slots slots;
  private final Place place;

  HookCode(MethodVisitor code, HookedMethod.Slots slots, Place place) {
    this.code = code;
    this.slots = slots;
    this.place = place;
  }

  /** The object the woven method was called on. */
  public void loadThis() {
    code.visitVarInsn(Opcodes.ALOAD, place == Place.ENTER ? 0 : slots.thisCopy);
  }

  /** Argument {@code index}; at an exit, only the first, and only when the method keeps it. */
  public void loadArgument(int index) {
    if (place == Place.ENTER) {
      Type type = slots.arguments[index];
      code.visitVarInsn(type.getOpcode(Opcodes.ILOAD), slots.argumentSlot(index));
      return;
    }
    if (index != 0 || slots.firstArgumentCopy < 0) {
      throw new IllegalStateException("an exit reads only a kept first argument");
    }
    code.visitVarInsn(slots.arguments[0].getOpcode(Opcodes.ILOAD), slots.firstArgumentCopy);
  }

  /** Replaces argument {@code index} with the value on the stack (enter code only). */
  public void storeArgument(int index) {
    if (place != Place.ENTER) {
      throw new IllegalStateException("arguments are replaced only at entry");
    }
    code.visitVarInsn(slots.arguments[index].getOpcode(Opcodes.ISTORE), slots.argumentSlot(index));
  }

  /** Stores the value on the stack as the enter value (enter code only). */
  public void storeEnterValue() {
    code.visitVarInsn(enterOpcode(Opcodes.ISTORE), slots.enterValue);
  }

  public void loadEnterValue() {
    code.visitVarInsn(enterOpcode(Opcodes.ILOAD), slots.enterValue);
  }

  /** What the method returns, boxed when primitive; null where it threw or returns nothing. */
  public void loadResult() {
    Type type = slots.returnType;
    if (place != Place.RETURN || type.getSort() == Type.VOID) {
      code.visitInsn(Opcodes.ACONST_NULL);
      return;
    }
    code.visitVarInsn(type.getOpcode(Opcodes.ILOAD), slots.result);
    box(type);
  }

  /** The exception leaving the method; null at a return. */
  public void loadThrown() {
    if (place == Place.THROW) {
      code.visitVarInsn(Opcodes.ALOAD, slots.thrown);
    } else {
      code.visitInsn(Opcodes.ACONST_NULL);
    }
  }

  public void pushInt(int value) {
    if (value >= -1 && value <= 5) {
      code.visitInsn(Opcodes.ICONST_0 + value);
    } else {
      code.visitLdcInsn(value);
    }
  }

  public void pushNull() {
    code.visitInsn(Opcodes.ACONST_NULL);
  }

  public void duplicate() {
    code.visitInsn(Opcodes.DUP);
  }

  /** Calls the static hook {@code name} of this descriptor. */
  public void callHook(String name, String descriptor) {
    code.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, name, descriptor, false);
  }

  private int enterOpcode(int intOpcode) {
    switch (slots.enterKind) {
      case OBJECT:
        return Type.getType(Object.class).getOpcode(intOpcode);
      case LONG:
        return Type.LONG_TYPE.getOpcode(intOpcode);
      default:
        throw new IllegalStateException("this method's enter keeps no value");
    }
  }

  private void box(Type type) {
    String owner;
    switch (type.getSort()) {
      case Type.BOOLEAN:
        owner = "java/lang/Boolean";
        break;
      case Type.CHAR:
        owner = "java/lang/Character";
        break;
      case Type.BYTE:
        owner = "java/lang/Byte";
        break;
      case Type.SHORT:
        owner = "java/lang/Short";
        break;
      case Type.INT:
        owner = "java/lang/Integer";
        break;
      case Type.FLOAT:
        owner = "java/lang/Float";
        break;
      case Type.LONG:
        owner = "java/lang/Long";
        break;
      case Type.DOUBLE:
        owner = "java/lang/Double";
        break;
      default:
        return; // a reference already
    }
    code.visitMethodInsn(
        Opcodes.INVOKESTATIC,
        owner,
        "valueOf",
        "(" + type.getDescriptor() + ")L" + owner + ";",
        false);
  }
}
