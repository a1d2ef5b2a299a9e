package org.scalecast.fit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.fit.Bootstrap;
import org.scalecast.fit.Chain;
import org.scalecast.fit.FitModel;
import org.scalecast.fit.FitResult;
import org.scalecast.fit.LawFitter;
import org.scalecast.fit.Observations;
import org.scalecast.fit.Prediction;
import org.scalecast.fit.laws.ChinchillaLaw;
import org.scalecast.fit.laws.SyntheticChinchilla;
import org.scalecast.results.InputException;

class FitFileTest {
  @TempDir Path dir;

  @Test
  void writeReadPredictRoundTrip() {
    Observations obs = SyntheticChinchilla.generate(6, 5, 0.01, 5);
    LawFitter f = LawFitter.create();
    FitResult fit = f.fit(new ChinchillaLaw(), obs);
    Bootstrap.Result boot = Bootstrap.run(f, new ChinchillaLaw(), obs, fit, 20, 1);
    FitFile file =
        FitFile.of(
            fit,
            Map.of("N", "N", "D", "D", "L", "L"),
            List.of(),
            new FitFile.DataRef("x.csv", "00", obs.size()),
            boot,
            null,
            obs);
    Path p = dir.resolve("fit.json");
    file.write(p);
    FitModel m = FitFile.read(p).toModel();
    assertArrayEquals(fit.params(), m.params());
    assertEquals(20 - boot.failed(), m.bootstrap().length);
    double[] x = {1e9, 2e10};
    Prediction direct = fit.predict(x, 0.95);
    Prediction viaFile =
        Chain.predict(
                List.of(new FitModel(m.law(), m.params(), m.covariance(), m.dof(), null)),
                Map.of("N", 1e9, "D", 2e10),
                0.95)
            .get(0)
            .prediction();
    assertEquals(direct.value(), viaFile.value(), 0);
    assertEquals(direct.upper(), viaFile.upper(), 1e-12);
  }

  /**
   * A hand-edited file whose shapes do not fit its law is a one-line error naming it: a covariance
   * or bootstrap sample of the wrong size was an internal error, a "NaN" parameter a prediction of
   * n/a with exit 0 (a bad-input hunt, twentieth session).
   */
  @Test
  void shapesThatDoNotFitTheLawAreErrors() throws IOException {
    Path p = dir.resolve("edited.json");
    String params = "\"params\": {\"E\": 1.7, \"A\": 400, \"alpha\": 0.34, \"B\": 410, ";
    Files.writeString(p, "{\"law\": \"chinchilla\", " + params + "\"beta\": \"NaN\"}}");
    InputException e = assertThrows(InputException.class, () -> FitFile.read(p));
    assertTrue(e.getMessage().startsWith(p + ": params: 'beta' is NaN"), e.getMessage());
    Files.writeString(
        p,
        "{\"law\": \"chinchilla\", "
            + params
            + "\"beta\": 0.28}, \"covariance\": [[1, 0, 0], [0, 1, 0], [0, 0, 1]]}");
    e = assertThrows(InputException.class, () -> FitFile.read(p));
    assertEquals(
        p + ": covariance is not 5 x 5 (one row and column per parameter)", e.getMessage());
    Files.writeString(p, "{\"law\": \"chinchila\", " + params + "\"beta\": 0.28}}");
    e = assertThrows(InputException.class, () -> FitFile.read(p));
    assertTrue(e.getMessage().startsWith(p + ": unknown law 'chinchila'"), e.getMessage());
  }

  @Test
  void malformedFileIsOneLine() throws IOException {
    Path p = dir.resolve("bad.json");
    Files.writeString(p, "{\"law\": \"chinchilla\", \"oops\": 1}");
    InputException e = assertThrows(InputException.class, () -> FitFile.read(p));
    assertEquals(false, e.getMessage().contains("\n"));
    assertEquals(true, e.getMessage().startsWith(p + ": not a scalecast fit file"), e.getMessage());
  }
}
