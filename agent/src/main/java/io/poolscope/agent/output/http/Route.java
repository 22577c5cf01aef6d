package io.poolscope.agent.output.http;

/** One endpoint: answers a GET (or HEAD) of its path. Runs on the server's own thread. */
@FunctionalInterface
public interface Route {
  Reply answer(Query query) throws Exception;
}
