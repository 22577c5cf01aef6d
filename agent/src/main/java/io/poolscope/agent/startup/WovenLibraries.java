package io.poolscope.agent.startup;

import io.poolscope.agent.instrumentation.agroal.AgroalInstrumentation;
import io.poolscope.agent.instrumentation.c3p0.C3p0Instrumentation;
import io.poolscope.agent.instrumentation.dbcp2.Dbcp2Instrumentation;
import io.poolscope.agent.instrumentation.hikaricp.HikariInstrumentation;
import io.poolscope.agent.instrumentation.jdbc.JdbcInstrumentation;
import io.poolscope.agent.instrumentation.slf4j.Slf4jInstrumentation;
import io.poolscope.agent.instrumentation.slf4j.SpringBootLoggingInstrumentation;
import io.poolscope.agent.instrumentation.support.LibraryInstrumentation;
import io.poolscope.agent.instrumentation.tomcatjdbc.TomcatJdbcInstrumentation;
import java.util.List;

/** Every library Poolscope weaves, one folder each under {@code instrumentation/}. */
public final class WovenLibraries {
  private WovenLibraries() {}

  public static List<LibraryInstrumentation> all() {
    return List.of(
        new JdbcInstrumentation(),
        new Slf4jInstrumentation(),
        new SpringBootLoggingInstrumentation(),
        new HikariInstrumentation(),
        new Dbcp2Instrumentation(),
        new TomcatJdbcInstrumentation(),
        new C3p0Instrumentation(),
        new AgroalInstrumentation());
  }
}
