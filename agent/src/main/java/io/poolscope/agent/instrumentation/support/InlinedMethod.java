package io.poolscope.agent.instrumentation.support;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * One woven method shape and the hook calls inlined into it by {@link InlinedWeaving}: what an
 * advice class says to Byte Buddy, for premain's weaving without Byte Buddy. The enter code runs
 * before the method's own code; the exit code runs where the method returns and, when {@link
 * #exitOnThrow}, where an exception leaves it. Only instance methods with code are matched.
 *
 * <p>The hooks in {@code io.poolscope.bootstrap.Hooks} never throw, so unlike Byte Buddy's
 * suppressing advice the inlined calls need no handler of their own; and the code written here has
 * no branch, so the only stack map frames added are those of the two exit blocks.
 */
public final class InlinedMethod {
  /** What the enter code leaves for the exit code in a local of its own. */
  public enum EnterValue {
    NONE,
    OBJECT,
    LONG
  }

  private final Set<String> names;
  private final boolean publicOnly;
  // Set once by the builder methods below, each on a fresh copy; read-only once in the rules.
  private Predicate<Type[]> arguments = any -> true;
  private String returnDescriptor;
  private EnterValue enterValue = EnterValue.NONE;
  private Consumer<HookCode> enter;
  private Consumer<HookCode> exit;
  private boolean exitOnThrow;
  private boolean exitReadsFirstArgument;

  private InlinedMethod(Set<String> names, boolean publicOnly) {
    this.names = names;
    this.publicOnly = publicOnly;
  }

  /** Public methods with one of these names (what an application calls on a JDBC object). */
  public static InlinedMethod publicNamed(String... names) {
    return new InlinedMethod(new HashSet<>(Arrays.asList(names)), true);
  }

  /** Methods of any visibility with one of these names (a pool library's own methods). */
  public static InlinedMethod named(String... names) {
    return new InlinedMethod(new HashSet<>(Arrays.asList(names)), false);
  }

  /** Only those whose argument types (as ASM types) pass {@code test}. */
  public InlinedMethod arguments(Predicate<Type[]> test) {
    InlinedMethod copy = copy();
    copy.arguments = arguments.and(test);
    return copy;
  }

  /** Only those returning the type of this descriptor. */
  public InlinedMethod returning(String descriptor) {
    InlinedMethod copy = copy();
    copy.returnDescriptor = descriptor;
    return copy;
  }

  /** The code inlined at entry; with a value other than NONE it stores it ({@link HookCode}). */
  public InlinedMethod enter(EnterValue value, Consumer<HookCode> code) {
    InlinedMethod copy = copy();
    copy.enterValue = value;
    copy.enter = code;
    return copy;
  }

  /** The code inlined at every return and, with {@code onThrow}, where an exception leaves. */
  public InlinedMethod exit(boolean onThrow, Consumer<HookCode> code) {
    InlinedMethod copy = copy();
    copy.exitOnThrow = onThrow;
    copy.exit = code;
    return copy;
  }

  /** The exit code reads the first argument: it is kept as it was passed, in a local of its own. */
  public InlinedMethod keepingFirstArgument() {
    InlinedMethod copy = copy();
    copy.exitReadsFirstArgument = true;
    return copy;
  }

  private InlinedMethod copy() {
    InlinedMethod copy = new InlinedMethod(names, publicOnly);
    copy.arguments = arguments;
    copy.returnDescriptor = returnDescriptor;
    copy.enterValue = enterValue;
    copy.enter = enter;
    copy.exit = exit;
    copy.exitOnThrow = exitOnThrow;
    copy.exitReadsFirstArgument = exitReadsFirstArgument;
    return copy;
  }

  /** Arguments test: exactly these many. */
  public static Predicate<Type[]> count(int count) {
    return types -> types.length == count;
  }

  /** Arguments test: the first is of the class with this binary name. */
  public static Predicate<Type[]> firstIs(String binaryName) {
    return types -> types.length > 0 && types[0].getClassName().equals(binaryName);
  }

  /** Arguments test: exactly these types, by descriptor ({@code "I"}, {@code "Z"}, ...). */
  public static Predicate<Type[]> exactly(String... descriptors) {
    return types -> {
      if (types.length != descriptors.length) {
        return false;
      }
      for (int i = 0; i < types.length; i++) {
        if (!types[i].getDescriptor().equals(descriptors[i])) {
          return false;
        }
      }
      return true;
    };
  }

  boolean matches(int access, String name, String descriptor) {
    if (!names.contains(name)
        || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_STATIC)) != 0
        || (publicOnly && (access & Opcodes.ACC_PUBLIC) == 0)) {
      return false;
    }
    if (returnDescriptor != null
        && !Type.getReturnType(descriptor).getDescriptor().equals(returnDescriptor)) {
      return false;
    }
    return arguments.test(Type.getArgumentTypes(descriptor));
  }

  EnterValue enterValue() {
    return enterValue;
  }

  boolean hasExit() {
    return exit != null;
  }

  boolean exitOnThrow() {
    return exit != null && exitOnThrow;
  }

  boolean exitReadsFirstArgument() {
    return exitReadsFirstArgument;
  }

  void writeEnter(HookCode code) {
    if (enter != null) {
      enter.accept(code);
    }
  }

  void writeExit(HookCode code) {
    exit.accept(code);
  }
}
