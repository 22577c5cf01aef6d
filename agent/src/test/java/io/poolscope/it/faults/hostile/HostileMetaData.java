package io.poolscope.it.faults.hostile;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/**
 * Database metadata that throws from {@code getURL} (a checked exception) and {@code getUserName}
 * (an unchecked one), returns a null connection, and forwards everything else to the driver's real
 * metadata. A dynamic proxy: none of its 180 methods is instrumented, only its answers matter.
 */
final class HostileMetaData {
  private HostileMetaData() {}

  static DatabaseMetaData over(DatabaseMetaData real) {
    return (DatabaseMetaData)
        Proxy.newProxyInstance(
            HostileMetaData.class.getClassLoader(),
            new Class<?>[] {DatabaseMetaData.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "getURL":
                  Hostility.called("DatabaseMetaData.getURL");
                  throw new SQLException("hostile metadata getURL");
                case "getUserName":
                  Hostility.called("DatabaseMetaData.getUserName");
                  throw new IllegalStateException("hostile metadata getUserName");
                case "getConnection":
                  Hostility.called("DatabaseMetaData.getConnection");
                  return null;
                case "toString":
                  return "HostileMetaData";
                case "hashCode":
                  return System.identityHashCode(proxy);
                case "equals":
                  return proxy == args[0];
                default:
                  try {
                    return method.invoke(real, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
              }
            });
  }
}
