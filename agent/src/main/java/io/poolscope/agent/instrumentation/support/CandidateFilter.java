package io.poolscope.agent.instrumentation.support;

import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;

/**
 * Stands in front of Byte Buddy's transformer and hands it only the classes {@link
 * WeavingCandidates} cannot rule out. Byte Buddy's matchers resolve a class's type hierarchy, which
 * costs a class-file parse per super type; done for every class a JVM loads, that was most of
 * Poolscope's start-up time. A redefinition (retransforming the classes loaded before an attach)
 * goes straight through: Byte Buddy chose those classes itself.
 */
final class CandidateFilter implements AgentBuilder.TransformerDecorator {
  private final WeavingCandidates candidates;

  CandidateFilter(WeavingCandidates candidates) {
    this.candidates = candidates;
  }

  @Override
  public ResettableClassFileTransformer decorate(ResettableClassFileTransformer byteBuddy) {
    return new Filtering(byteBuddy, candidates);
  }

  private static final class Filtering extends ResettableClassFileTransformer.WithDelegation {
    private final WeavingCandidates candidates;

    Filtering(ResettableClassFileTransformer byteBuddy, WeavingCandidates candidates) {
      super(byteBuddy);
      this.candidates = candidates;
    }

    @Override
    public byte[] transform(
        Module module,
        ClassLoader loader,
        String className,
        Class<?> classBeingRedefined,
        ProtectionDomain protectionDomain,
        byte[] classFile)
        throws IllegalClassFormatException {
      if (classBeingRedefined == null
          && !candidates.mayWeaveOrUnsure(loader, className, classFile)) {
        return null;
      }
      return classFileTransformer.transform(
          module, loader, className, classBeingRedefined, protectionDomain, classFile);
    }

    @Override
    public byte[] transform(
        ClassLoader loader,
        String className,
        Class<?> classBeingRedefined,
        ProtectionDomain protectionDomain,
        byte[] classFile)
        throws IllegalClassFormatException {
      if (classBeingRedefined == null
          && !candidates.mayWeaveOrUnsure(loader, className, classFile)) {
        return null;
      }
      return classFileTransformer.transform(
          loader, className, classBeingRedefined, protectionDomain, classFile);
    }
  }
}
