package io.poolscope.agent.recorder;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * The features that observe one kind of step, told in the order they were added. One that throws
 * does not stop the others: a feature's failure stays its own. Adding and removing copy the array,
 * so telling (on application threads) reads one volatile field and takes no lock.
 */
public final class Observers<T> {
  private volatile Object[] all = new Object[0];

  synchronized void add(T observer) {
    Object[] next = Arrays.copyOf(all, all.length + 1);
    next[next.length - 1] = observer;
    all = next;
  }

  /** Stops telling {@code observer} (the same object that was added); nothing if it was not. */
  synchronized void remove(T observer) {
    Object[] now = all;
    for (int i = 0; i < now.length; i++) {
      if (now[i] == observer) {
        Object[] next = new Object[now.length - 1];
        System.arraycopy(now, 0, next, 0, i);
        System.arraycopy(now, i + 1, next, i, now.length - i - 1);
        all = next;
        return;
      }
    }
  }

  public boolean isEmpty() {
    return all.length == 0;
  }

  /**
   * Calls {@code step} on each observer with {@code argument}; a method reference allocates
   * nothing.
   */
  @SuppressWarnings("unchecked")
  public <A> void tell(BiConsumer<T, A> step, A argument) {
    for (Object observer : all) {
      try {
        step.accept((T) observer, argument);
      } catch (RuntimeException ignored) {
        // the other features still hear of it
      }
    }
  }
}
