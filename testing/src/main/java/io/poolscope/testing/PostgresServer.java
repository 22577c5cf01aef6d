package io.poolscope.testing;

/** A running PostgreSQL server that the test JVM started and must stop. */
interface PostgresServer extends AutoCloseable {
  String USER = "postgres";
  String PASSWORD = "postgres";
  String DATABASE = "postgres";

  /** Pool tests open many connections at once; PostgreSQL's default of 100 is too few. */
  String MAX_CONNECTIONS = "300";

  /** The server's default database, reachable now. */
  PostgresDatabase database();

  /** Stops the server and removes its files; safe to call more than once; never throws. */
  @Override
  void close();
}
