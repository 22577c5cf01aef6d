package io.poolscope.agent.recorder;

/** Decides the query timeout of the application's statements ({@code statement.timeout}). */
public interface QueryTimeoutPolicy {
  /** A statement was created on a handed-out connection: the policy may give it a timeout. */
  void statementCreated(Object statement, StatementInfo info);

  /** The timeout to set when the application asks for {@code seconds} (0: none). */
  int queryTimeoutRequested(Object statement, int seconds);

  QueryTimeoutPolicy AS_ASKED =
      new QueryTimeoutPolicy() {
        @Override
        public void statementCreated(Object statement, StatementInfo info) {}

        @Override
        public int queryTimeoutRequested(Object statement, int seconds) {
          return seconds;
        }
      };
}
