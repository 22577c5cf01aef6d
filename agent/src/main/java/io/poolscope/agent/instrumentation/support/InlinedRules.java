package io.poolscope.agent.instrumentation.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A library's weaving as {@link InlinedMethod}s, for premain's weaving without Byte Buddy: the
 * methods woven into every class that is or extends a super type, and into classes by name. It says
 * what the library's Byte Buddy rules say; {@code InlinedWeavingTest} holds the two to it on the
 * real libraries.
 */
public final class InlinedRules {
  private final Map<String, List<InlinedMethod>> bySuperType = new HashMap<>();
  private final Map<String, List<InlinedMethod>> byName = new HashMap<>();
  private final Set<String> leftToByteBuddy = new HashSet<>();

  /** Methods woven into every class that is, extends or implements {@code binaryName}. */
  public InlinedRules superType(String binaryName, InlinedMethod... methods) {
    add(bySuperType, binaryName, Arrays.asList(methods));
    return this;
  }

  /** Methods woven into each class named. */
  public InlinedRules types(Collection<String> binaryNames, InlinedMethod... methods) {
    for (String name : binaryNames) {
      add(byName, name, Arrays.asList(methods));
    }
    return this;
  }

  /** These rules and {@code other}'s together. */
  InlinedRules with(InlinedRules other) {
    other.bySuperType.forEach(
        (name, methods) ->
            bySuperType.computeIfAbsent(name, n -> new ArrayList<>()).addAll(methods));
    other.byName.forEach(
        (name, methods) -> byName.computeIfAbsent(name, n -> new ArrayList<>()).addAll(methods));
    return this;
  }

  boolean coversSuperType(String binaryName) {
    return bySuperType.containsKey(binaryName);
  }

  boolean coversName(String binaryName) {
    return byName.containsKey(binaryName) && !leftToByteBuddy.contains(binaryName);
  }

  /**
   * Classes a library without inlined rules weaves by name: never woven here, even where another
   * library's rules name them too, so that Byte Buddy weaves all of it.
   */
  InlinedRules leaveToByteBuddy(Collection<String> binaryNames) {
    leftToByteBuddy.addAll(binaryNames);
    return this;
  }

  /**
   * The methods woven into a class of this binary name that leads to these woven super types (by
   * binary name); empty when none.
   */
  List<InlinedMethod> methodsFor(String binaryName, Collection<String> superTypes) {
    List<InlinedMethod> methods = new ArrayList<>(byName.getOrDefault(binaryName, List.of()));
    for (String superType : superTypes) {
      methods.addAll(bySuperType.getOrDefault(superType, List.of()));
    }
    return methods;
  }

  private static void add(
      Map<String, List<InlinedMethod>> map, String name, List<InlinedMethod> methods) {
    map.computeIfAbsent(name, n -> new ArrayList<>()).addAll(methods);
  }
}
