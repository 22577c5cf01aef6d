package io.poolscope.it.shapes;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The web application's one servlet, deployed by {@link ServletContainerScenario} from {@code
 * WEB-INF/classes} and loaded by Tomcat's web application class loader, with its pools from {@code
 * WEB-INF/lib}: a HikariCP pool it makes itself and a Tomcat JDBC pool the container makes for it
 * from a JNDI resource. Paths: {@code /query?n=N} runs one statement on each pool; {@code /leak}
 * takes a HikariCP connection and keeps it; {@code /loaders} names the loaders of the pool classes.
 */
public final class QueryServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private transient HikariDataSource hikari;
  private transient DataSource tomcatJdbc;

  /** The planted leaks: taken, used once, never closed. The pool closes them on undeploy. */
  private final transient List<Connection> leaked = new ArrayList<>();

  @Override
  public void init() throws ServletException {
    HikariDataSource pool = new HikariDataSource();
    pool.setPoolName(getInitParameter("pool-prefix") + "-hikari");
    pool.setJdbcUrl(getInitParameter("url"));
    pool.setUsername(getInitParameter("user"));
    pool.setPassword(getInitParameter("password"));
    pool.setMaximumPoolSize(4);
    pool.setMinimumIdle(1);
    hikari = pool;
    try {
      tomcatJdbc = (DataSource) new InitialContext().lookup("java:comp/env/jdbc/app");
    } catch (NamingException e) {
      throw new ServletException("no jdbc/app resource in the context", e);
    }
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain");
    try {
      String answer;
      switch (request.getPathInfo() == null ? "" : request.getPathInfo()) {
        case "/query":
          int n = Integer.parseInt(request.getParameter("n"));
          answer = "hikari=" + plusOne(hikari, n) + " tomcat-jdbc=" + plusOne(tomcatJdbc, n);
          break;
        case "/leak":
          answer = "leaked=" + plantLeak();
          break;
        case "/loaders":
          answer =
              "servlet="
                  + loaderOf(QueryServlet.class)
                  + " hikari="
                  + loaderOf(HikariDataSource.class)
                  + " tomcat-jdbc="
                  + loaderOf(tomcatJdbc.getClass());
          break;
        default:
          response.sendError(HttpServletResponse.SC_NOT_FOUND);
          return;
      }
      response.getWriter().print(answer);
    } catch (SQLException e) {
      response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, e.toString());
    }
  }

  private static int plusOne(DataSource pool, int n) throws SQLException {
    try (Connection c = pool.getConnection();
        PreparedStatement p = c.prepareStatement("select ?::int + 1")) {
      p.setInt(1, n);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private int plantLeak() throws SQLException {
    Connection c = hikari.getConnection();
    leaked.add(c);
    try (PreparedStatement p = c.prepareStatement("select 41 + 1");
        ResultSet rs = p.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static String loaderOf(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    return loader == null ? "bootstrap" : loader.getClass().getName();
  }

  @Override
  public void destroy() {
    // The Tomcat JDBC pool is the container's to close (the resource's close method).
    hikari.close();
  }
}
