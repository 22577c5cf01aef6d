package io.poolscope.agent.instrumentation.support;

import java.util.HashSet;
import java.util.Set;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Matches a type that is, extends or implements a type of the given name. Unlike Byte Buddy's
 * {@code hasSuperType}, a super type that cannot be resolved (a class missing from an application's
 * class path, or one another agent rewrote) ends that branch of the walk instead of failing the
 * whole match, so one odd class never stops instrumentation of the others.
 */
public final class SafeSuperTypeMatcher
    extends ElementMatcher.Junction.AbstractBase<TypeDescription> {
  private final String typeName;

  private SafeSuperTypeMatcher(String typeName) {
    this.typeName = typeName;
  }

  public static SafeSuperTypeMatcher hasSuperTypeNamed(String typeName) {
    return new SafeSuperTypeMatcher(typeName);
  }

  @Override
  public boolean matches(TypeDescription target) {
    return walk(target, new HashSet<>());
  }

  private boolean walk(TypeDefinition type, Set<String> seen) {
    if (type == null) {
      return false;
    }
    String name;
    try {
      name = type.asErasure().getName();
    } catch (Throwable unresolvable) {
      return false;
    }
    if (!seen.add(name)) {
      return false;
    }
    if (name.equals(typeName)) {
      return true;
    }
    if (name.equals("java.lang.Object")) {
      return false;
    }
    try {
      for (TypeDefinition anInterface : type.getInterfaces()) {
        if (walk(anInterface, seen)) {
          return true;
        }
      }
    } catch (Throwable unresolvable) {
      // fall through to the super class
    }
    try {
      return walk(type.getSuperClass(), seen);
    } catch (Throwable unresolvable) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "hasSuperTypeNamed(" + typeName + ")";
  }
}
