package io.poolscope.agent.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcUrlsTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "jdbc:postgresql://db:5432/app?user=u&password=secret | jdbc:postgresql://db:5432/app",
        "jdbc:postgresql://u:secret@db/app | jdbc:postgresql://db/app",
        "jdbc:mysql://root:pw@localhost:3306/shop?sslMode=disable | jdbc:mysql://localhost:3306/shop",
        "jdbc:oracle:thin:scott/tiger@dbhost:1521:orcl | jdbc:oracle:thin:dbhost:1521:orcl",
        "jdbc:sqlserver://host:1433;user=sa;password=pw | jdbc:sqlserver://host:1433",
        "jdbc:h2:mem:test;DB_CLOSE_DELAY=-1;PASSWORD=x | jdbc:h2:mem:test",
        "jdbc:h2:mem:plain | jdbc:h2:mem:plain",
      })
  void credentialsAndPropertiesNeverLeaveTheUrl(String url, String masked) {
    assertEquals(masked, JdbcUrls.mask(url));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "jdbc:h2:mem:t;AUTOCOMMIT=FALSE | true",
        "jdbc:h2:mem:t;DB_CLOSE_DELAY=-1; autocommit = off | true",
        "jdbc:h2:mem:t;AUTOCOMMIT=TRUE | false",
        "jdbc:h2:mem:t | false",
        "jdbc:h2:mem:t;NOT_AUTOCOMMIT=FALSE | false",
        "jdbc:postgresql://db/app?autocommit=false | false",
        "jdbc:sqlserver://h;AUTOCOMMIT=FALSE | false",
      })
  void autoCommitTurnedOffByTheUrlWhereTheDriverHasSuchASetting(String url, boolean off) {
    assertEquals(off, JdbcUrls.autoCommitOff(url));
  }
}
