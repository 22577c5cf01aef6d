package io.poolscope.it.shapes;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Child JVM: deploys a web application three times the way a servlet container does — each
 * deployment in its own class loader that reads the application's jars itself, with its own pool
 * libraries; the JDBC driver in the container's own library loader, its parent, as containers
 * advise (pgjdbc's cleaner thread would otherwise keep each deployment) — runs {@link WebappWork}
 * in it on a worker thread that outlives the deployment (a container's pooled thread), then
 * undeploys it: closes its pools and drops the loader. Writes to {@code collected} how many of the
 * three loaders the garbage collector could reclaim.
 */
public final class RedeployScenario {
  static final int DEPLOYMENTS = 3;

  private RedeployScenario() {}

  public static void main(String[] args) throws Exception {
    List<WeakReference<ClassLoader>> undeployed = new ArrayList<>();
    Worker worker = new Worker();
    ClassLoader container =
        new URLClassLoader(
            "container-lib", jars(CONTAINER_JARS), ClassLoader.getPlatformClassLoader());
    for (Driver ignored : ServiceLoader.load(Driver.class, container)) {
      // loading the driver registers it with DriverManager, once for every deployment
    }
    for (int i = 1; i <= DEPLOYMENTS; i++) {
      undeployed.add(deployRunUndeploy("webapp-" + i, container, worker));
    }
    int collected = 0;
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      System.gc();
      collected = 0;
      for (WeakReference<ClassLoader> ref : undeployed) {
        collected += ref.get() == null ? 1 : 0;
      }
      if (collected == DEPLOYMENTS) {
        break;
      }
      Thread.sleep(500);
    }
    Files.writeString(
        Path.of(System.getProperty("poolscope.test.workdir"), "collected"),
        Integer.toString(collected));
    worker.stop();
  }

  private static WeakReference<ClassLoader> deployRunUndeploy(
      String name, ClassLoader container, Worker worker) throws Exception {
    URLClassLoader loader = new URLClassLoader(name, jars(WEBAPP_JARS), container);
    Runnable work =
        (Runnable)
            Class.forName(WebappWork.class.getName(), true, loader)
                .getDeclaredConstructor()
                .newInstance();
    if (work.getClass().getClassLoader() != loader) {
      throw new AssertionError(
          "the work is not the deployment's own class: "
              + work.getClass().getClassLoader().getName()
              + java.util.Arrays.toString(
                  ((URLClassLoader) work.getClass().getClassLoader()).getURLs()));
    }
    worker.run(work, loader);
    work = null;
    loader.close();
    return new WeakReference<>(loader);
  }

  /**
   * What a web application's {@code WEB-INF/lib} and {@code classes} would hold: its pools, its
   * driver, its logging API and its own classes. The container's libraries (Tomcat's juli among
   * them, which keeps a cleaner thread per loader that loads it) and the test framework stay out.
   */
  private static final List<String> WEBAPP_JARS =
      List.of(
          "test-classes",
          "poolscope-testing",
          "HikariCP",
          "commons-dbcp2",
          "commons-pool2",
          "commons-logging",
          "slf4j-api",
          "jackson-");

  /** The container's own libraries: the JDBC driver. */
  private static final List<String> CONTAINER_JARS = List.of("postgresql-");

  /** The jars of the class path whose names start with one of {@code names}. */
  private static URL[] jars(List<String> names) throws Exception {
    Set<Path> agents = new HashSet<>();
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("-javaagent:")) {
        agents.add(
            Path.of(arg.substring("-javaagent:".length()).split("=", 2)[0]).toAbsolutePath());
      }
    }
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry).toAbsolutePath();
      if (!entry.isBlank()
          && !agents.contains(path)
          && names.stream().anyMatch(name -> path.getFileName().toString().startsWith(name))) {
        urls.add(path.toUri().toURL());
      }
    }
    return urls.toArray(new URL[0]);
  }

  /** One long-lived thread that runs each deployment's work, as a container's request thread. */
  private static final class Worker {
    private final Object lock = new Object();
    private Runnable task;
    private ClassLoader taskLoader;
    private Throwable failure;
    private boolean done;
    private boolean stopped;
    private final Thread thread = new Thread(this::loop, "container-worker");

    Worker() {
      thread.setDaemon(true);
      thread.start();
    }

    void run(Runnable work, ClassLoader loader) throws Exception {
      synchronized (lock) {
        task = work;
        taskLoader = loader;
        done = false;
        failure = null;
        lock.notifyAll();
        while (!done) {
          lock.wait();
        }
        if (failure != null) {
          throw new IllegalStateException("the deployment's work failed", failure);
        }
      }
    }

    void stop() {
      synchronized (lock) {
        stopped = true;
        lock.notifyAll();
      }
    }

    private void loop() {
      while (true) {
        Runnable work;
        ClassLoader loader;
        synchronized (lock) {
          while (task == null && !stopped) {
            try {
              lock.wait();
            } catch (InterruptedException e) {
              return;
            }
          }
          if (stopped) {
            return;
          }
          work = task;
          loader = taskLoader;
          task = null;
          taskLoader = null;
        }
        Throwable failed = null;
        Thread.currentThread().setContextClassLoader(loader);
        try {
          work.run();
        } catch (Throwable t) {
          failed = t;
        } finally {
          // A container resets its thread after a request.
          Thread.currentThread().setContextClassLoader(ClassLoader.getSystemClassLoader());
        }
        synchronized (lock) {
          failure = failed;
          done = true;
          lock.notifyAll();
        }
        work = null;
        loader = null;
      }
    }
  }
}
