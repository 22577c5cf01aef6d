package io.poolscope.it.shapes;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.poolscope.testing.EventRecord;
import io.poolscope.testing.EventsFile;
import io.poolscope.testing.PrometheusText;
import io.poolscope.testing.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ContextResource;

/**
 * Child JVM: an embedded Apache Tomcat deploys the web application of {@link WebappDirectory} at
 * {@code /app}, answers requests over HTTP, plants a leak, and undeploys it (the context stopped
 * and removed, as the manager's undeploy does) — {@link #DEPLOYMENTS} times, each a new context
 * with a new web application class loader and new pools. The container's connector threads serve
 * every deployment, as in production. Writes to its work directory: {@code responses.txt} (every
 * answer), {@code loaders.txt} (which loaders the pool classes came from), {@code
 * metrics-deployment-N.txt} (Poolscope's scrape while deployment N ran, with the agent), {@code
 * collected} (how many undeployed loaders the garbage collector reclaimed) and, with the agent,
 * {@code metrics.txt}: the scrape once the undeployed pools should be forgotten.
 */
public final class ServletContainerScenario {
  static final int DEPLOYMENTS = 3;
  static final int QUERIES = 20;

  private ServletContainerScenario() {}

  public static void main(String[] args) throws Exception {
    Path work = Scenario.workdir();
    boolean measured = System.getProperty("poolscope.prometheus.port") != null;
    Path webapp = WebappDirectory.build(work.resolve("webapp"));
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(work.resolve("tomcat").toString());
    tomcat.setPort(0);
    tomcat.getConnector();
    tomcat.enableNaming();
    tomcat.start();
    int port = tomcat.getConnector().getLocalPort();

    List<String> responses = new ArrayList<>();
    List<String> loaders = new ArrayList<>();
    List<WeakReference<ClassLoader>> undeployed = new ArrayList<>();
    for (int i = 1; i <= DEPLOYMENTS; i++) {
      String app = "webapp-" + i;
      Context context = deploy(tomcat, webapp, app);
      ClassLoader loader = context.getLoader().getClassLoader();
      loaders.add(app + " " + loader.getClass().getName() + " " + get(port, "/loaders"));
      for (int n = 0; n < QUERIES; n++) {
        responses.add(get(port, "/query?n=" + n));
      }
      responses.add(get(port, "/leak"));
      if (measured) {
        awaitPlantedLeak(app + "-hikari");
        Files.writeString(
            work.resolve("metrics-deployment-" + i + ".txt"), Scenario.scrapeMetrics());
      }
      tomcat.getHost().removeChild(context);
      undeployed.add(new WeakReference<>(loader));
    }
    Files.write(work.resolve("responses.txt"), responses);
    Files.write(work.resolve("loaders.txt"), loaders);

    int collected = collect(undeployed);
    Files.writeString(work.resolve("collected"), Integer.toString(collected));
    if (collected < DEPLOYMENTS) {
      // Where the reference path can be read (e.g. with Eclipse MAT): the run failed anyway.
      ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
          .dumpHeap(work.resolve("not-collected.hprof").toString(), true);
    }
    if (measured) {
      awaitPoolsForgotten();
    }
    tomcat.stop();
    tomcat.destroy();
  }

  private static Context deploy(Tomcat tomcat, Path webapp, String app) {
    StandardContext context = new StandardContext();
    context.setName("/app");
    context.setPath("/app");
    context.setDocBase(webapp.toString());
    context.addLifecycleListener(new Tomcat.FixContextListener());
    Scenario.Db db = Scenario.db();
    Wrapper servlet = Tomcat.addServlet(context, "query", QueryServlet.class.getName());
    servlet.addInitParameter("pool-prefix", app);
    servlet.addInitParameter("url", db.url());
    servlet.addInitParameter("user", db.user());
    servlet.addInitParameter("password", db.password());
    servlet.setLoadOnStartup(1);
    context.addServletMappingDecoded("/*", "query");
    // What a <Resource> in the webapp's META-INF/context.xml declares.
    ContextResource pool = new ContextResource();
    pool.setName("jdbc/app");
    pool.setType(DataSource.class.getName());
    pool.setAuth("Container");
    pool.setProperty("factory", "org.apache.tomcat.jdbc.pool.DataSourceFactory");
    pool.setProperty("driverClassName", "org.postgresql.Driver");
    pool.setProperty("url", db.url());
    pool.setProperty("username", db.user());
    pool.setProperty("password", db.password());
    pool.setProperty("maxActive", "4");
    pool.setProperty("initialSize", "1");
    pool.setCloseMethod("close");
    context.getNamingResources().addResource(pool);
    tomcat.getHost().addChild(context);
    if (!context.getState().isAvailable()) {
      throw new IllegalStateException(app + " did not start: " + context.getState());
    }
    return context;
  }

  private static String get(int port, String path) throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/app" + path).openConnection();
    connection.setConnectTimeout(10_000);
    connection.setReadTimeout(60_000);
    int status = connection.getResponseCode();
    if (status != 200) {
      throw new IllegalStateException("GET /app" + path + " answered HTTP " + status);
    }
    try (InputStream body = connection.getInputStream()) {
      return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Waits for Poolscope's report of the leak {@code /leak} planted in this pool. */
  private static void awaitPlantedLeak(String pool) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      for (EventRecord event : EventsFile.readWritten(Scenario.eventsFile())) {
        if ("leak_suspected".equals(event.type())
            && pool.equals(event.pool())
            && String.valueOf(event.field("stack")).contains("QueryServlet.plantLeak(")) {
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no leak_suspected for " + pool + " within 30 s");
  }

  /**
   * Collects garbage, with allocation pressure, until every undeployed loader is gone or 30 s
   * passed; returns how many were collected.
   */
  private static int collect(List<WeakReference<ClassLoader>> undeployed)
      throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    int collected = 0;
    while (true) {
      List<byte[]> pressure = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        pressure.add(new byte[1 << 20]);
      }
      pressure.clear();
      System.gc();
      collected = 0;
      for (WeakReference<ClassLoader> ref : undeployed) {
        collected += ref.get() == null ? 1 : 0;
      }
      if (collected == undeployed.size() || System.nanoTime() > deadline) {
        return collected;
      }
      Thread.sleep(250);
    }
  }

  /**
   * Scrapes Poolscope's metrics until no series names a pool — every pool of this JVM was an
   * undeployed web application's, and Poolscope retires a pool once its DataSource is collected —
   * or 30 s passed; the last scrape stays in {@code metrics.txt}.
   */
  private static void awaitPoolsForgotten() throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      boolean named = false;
      for (PrometheusText.Sample sample : PrometheusText.parse(Scenario.scrapeMetrics()).all()) {
        named |= sample.label("db_client_connection_pool_name") != null;
      }
      if (!named) {
        return;
      }
      Thread.sleep(250);
    }
  }
}
