package io.poolscope.it.foundation;

import io.poolscope.testing.ChildResult;
import io.poolscope.testing.PostgresDatabase;
import io.poolscope.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The acquisition script for one pool library, with Poolscope alone; one subclass per library. */
@ExtendWith(PostgresExtension.class)
abstract class AbstractAcquisitionIT extends AcquisitionChecks {
  @Test
  void countsAcquisitionsStatementsTimeoutsAndGauges(PostgresDatabase db) throws Exception {
    ChildResult result = child(db).run().assertSuccess();
    verify(result, db);
  }
}
