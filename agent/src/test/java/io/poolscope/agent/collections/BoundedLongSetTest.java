package io.poolscope.agent.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoundedLongSetTest {
  @Test
  void keepsWhatWasAddedAcrossGrowth() {
    BoundedLongSet set = new BoundedLongSet(100_000);
    for (long key = -5_000; key < 5_000; key++) {
      set.add(key * 7919);
    }
    assertEquals(10_000, set.size());
    for (long key = -5_000; key < 5_000; key++) {
      assertTrue(set.contains(key * 7919), "key " + key);
      assertFalse(set.contains(key * 7919 + 1), "key " + key + " + 1");
    }
  }

  @Test
  void zeroIsAKeyLikeAnyOther() {
    BoundedLongSet set = new BoundedLongSet(16);
    assertFalse(set.contains(0));
    set.add(0);
    assertTrue(set.contains(0));
  }

  @Test
  void addingTwiceCountsOnce() {
    BoundedLongSet set = new BoundedLongSet(16);
    set.add(42);
    set.add(42);
    assertEquals(1, set.size());
  }

  @Test
  void startsOverOnceFull() {
    BoundedLongSet set = new BoundedLongSet(1_000);
    for (long key = 1; key < 1_000; key++) {
      set.add(key);
    }
    assertEquals(999, set.size());
    set.add(5_000);
    assertEquals(0, set.size(), "the 1,000th key empties it");
    assertFalse(set.contains(1));
    set.add(1);
    assertTrue(set.contains(1));
  }
}
