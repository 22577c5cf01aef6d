package io.poolscope.it.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the shipped Prometheus rules are valid ({@code promtool check rules}) and behave as
 * documented ({@code promtool test rules}): every alert has a case where it fires and one where it
 * does not.
 */
class PrometheusRulesIT {
  private static final Pattern ALERT = Pattern.compile("(?m)^\\s*- alert: (\\w+)\\s*$");
  private static final Pattern CASE =
      Pattern.compile("(?m)^\\s*alertname: (\\w+)\\s*\\n\\s*exp_alerts:(.*)$");

  @Test
  void rulesAreValid() throws Exception {
    PrometheusTools.Result check =
        PrometheusTools.run(
            List.of(
                PrometheusTools.promtool().toString(),
                "check",
                "rules",
                DeployFiles.rules().toString()));
    assertEquals(0, check.exitCode(), check.output());
    assertTrue(check.output().contains("SUCCESS"), check.output());
  }

  @Test
  void rulesPassTheirUnitTests() throws Exception {
    PrometheusTools.Result test =
        PrometheusTools.run(
            List.of(
                PrometheusTools.promtool().toString(),
                "test",
                "rules",
                DeployFiles.rulesTests().toString()));
    assertEquals(0, test.exitCode(), test.output());
    assertTrue(test.output().contains("SUCCESS"), test.output());
  }

  @Test
  void everyAlertIsTestedFiringAndNotFiring() throws Exception {
    List<String> alerts = new ArrayList<>();
    Matcher alert = ALERT.matcher(Files.readString(DeployFiles.rules()));
    while (alert.find()) {
      alerts.add(alert.group(1));
    }
    assertEquals(7, alerts.size(), "alerts in the rules: " + alerts);
    List<String> fires = new ArrayList<>();
    List<String> silent = new ArrayList<>();
    Matcher testCase = CASE.matcher(Files.readString(DeployFiles.rulesTests()));
    while (testCase.find()) {
      (testCase.group(2).trim().equals("[]") ? silent : fires).add(testCase.group(1));
    }
    for (String name : alerts) {
      assertTrue(fires.contains(name), name + " is never tested firing");
      assertTrue(silent.contains(name), name + " is never tested silent");
    }
    assertFalse(alerts.isEmpty());
  }
}
