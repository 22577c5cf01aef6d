package io.poolscope.agent.startup;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.poolscope.agent.config.PoolscopeConfig;
import io.poolscope.agent.pools.PoolAdapter;
import io.poolscope.agent.pools.PoolAdapters;
import io.poolscope.agent.recorder.PoolRegistry;
import io.poolscope.agent.recorder.RecorderFixtures;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status {@code attach} prints names every pool's library, whatever kind of pool it is. */
class AgentStatusTest {
  @Test
  void theOverflowPoolOfAnApplicationWithHundredsOfPoolsIsDescribed() {
    PoolRegistry pools = RecorderFixtures.pools();
    PoolAdapter hikari = PoolAdapters.forType(HikariDataSource.class);
    List<HikariDataSource> open = new ArrayList<>(); // kept reachable: none is retired
    for (int i = 0; i < 300; i++) {
      HikariDataSource dataSource = new HikariDataSource();
      open.add(dataSource);
      pools.forPool(dataSource, hikari);
    }

    String status = new AgentStatus(PoolscopeConfig.defaults(), pools, false).describe();

    assertTrue(status.contains("  other  library=several  held now=0\n"), status);
    assertTrue(status.contains("  hikaricp-1  library=hikaricp  held now=0\n"), status);
    Reference.reachabilityFence(open);
  }
}
