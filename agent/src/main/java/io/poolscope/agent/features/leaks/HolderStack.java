package io.poolscope.agent.features.leaks;

import io.poolscope.agent.recorder.AcquisitionStack;
import io.poolscope.agent.recorder.HeldConnection;
import java.util.List;

/**
 * The best stack a report can show for a held connection: where it was taken when that was
 * captured, else where its holder thread is now (while it lives), else none. {@code source} says
 * which ({@code stack_source} in the events).
 */
final class HolderStack {
  static final String ACQUISITION = "acquisition";
  static final String HOLDER_NOW = "holder_now";
  static final String NONE = "none";

  final List<String> frames;
  final String source;

  private HolderStack(List<String> frames, String source) {
    this.frames = frames;
    this.source = source;
  }

  static HolderStack of(HeldConnection hold, int maxFrames) {
    if (hold.stack() != null) {
      return new HolderStack(hold.stack().applicationFrames(maxFrames), ACQUISITION);
    }
    Thread holder = hold.stacksOff() ? null : hold.liveHolder();
    if (holder != null) {
      List<String> now = AcquisitionStack.currentApplicationFrames(holder, maxFrames);
      if (!now.isEmpty()) {
        return new HolderStack(now, HOLDER_NOW);
      }
    }
    return new HolderStack(List.of(), NONE);
  }
}
