package io.poolscope.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Gives tests a real PostgreSQL: {@code @ExtendWith(PostgresExtension.class)}, then take a {@link
 * PostgresDatabase} as a test method or constructor parameter, or call {@link #database()}.
 *
 * <p>One server serves the whole test JVM (see {@link SharedPostgres} for where it comes from). If
 * none can start, the test is aborted (reported as skipped) with the reason, or fails with it when
 * {@code POOLSCOPE_REQUIRE_DB=true}, as on CI.
 *
 * <p>The check runs before the test instance is built and before {@code @BeforeAll}, because JUnit
 * reports an exception out of parameter resolution as a failure even when it is an abort.
 */
public final class PostgresExtension
    implements BeforeAllCallback, TestInstancePreConstructCallback, ParameterResolver {
  static final String REQUIRE_SETTING = "POOLSCOPE_REQUIRE_DB";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresExtension.class);

  /** The shared database, started on first call; aborts or fails the calling test if none. */
  public static PostgresDatabase database() {
    try {
      return SharedPostgres.database();
    } catch (IllegalStateException e) {
      Throwable outcome = unavailable(e.getMessage(), TestSettings.isTrue(REQUIRE_SETTING));
      if (outcome instanceof Error error) {
        throw error;
      }
      throw (RuntimeException) outcome;
    }
  }

  /** What a test gets when no database can start: a failure if one is required, else an abort. */
  static Throwable unavailable(String reason, boolean required) {
    if (required) {
      return new AssertionFailedError(
          REQUIRE_SETTING
              + "=true but "
              + reason
              + ". Install PostgreSQL binaries, or see "
              + SharedPostgres.SOURCE_SETTING
              + " for other sources.");
    }
    return new TestAbortedException(
        "skipped for want of a database: "
            + reason
            + " (set "
            + REQUIRE_SETTING
            + "=true to fail instead)");
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    databaseFor(context);
  }

  @Override
  public void preConstructTestInstance(
      TestInstanceFactoryContext factoryContext, ExtensionContext context) {
    databaseFor(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == PostgresDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return databaseFor(context);
  }

  private static PostgresDatabase databaseFor(ExtensionContext context) {
    PostgresDatabase database = database();
    // The root store closes when the whole run ends: stop the server then rather than wait for
    // the JVM's shutdown hook.
    context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            StopAtEndOfRun.class, key -> new StopAtEndOfRun(), StopAtEndOfRun.class);
    return database;
  }

  private static final class StopAtEndOfRun implements AutoCloseable {
    @Override
    public void close() {
      SharedPostgres.stop();
    }
  }
}
