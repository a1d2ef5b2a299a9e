package org.scalecast.fit.flpm;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.scalecast.fit.Observations;
import org.scalecast.fit.ScalingLaw;

/**
 * One domain's fitting data: the final checkpoint of every sampling run, as compute C, share r (of
 * the optimised domain) and that domain's loss.
 *
 * <p>Laws take the share in one of two ways: FLP-M and Ye et al.'s law take r itself (their
 * coefficients carry the sign), BiMix takes the domain's own share, r for the optimised domain and
 * 1 - r for the other one (two domains, as the sweeps have).
 *
 * @param c compute per run
 * @param r share of the optimised domain per run
 * @param loss this domain's final loss per run
 * @param runIds run ids
 * @param ownShareIsR whether this domain is the one whose share r is (else its share is 1 - r)
 */
public record DomainRuns(
    double[] c, double[] r, double[] loss, List<String> runIds, boolean ownShareIsR) {

  /** Law names whose second input is the domain's own share rather than r. */
  private static final List<String> OWN_SHARE_LAWS = List.of("bimix");

  /**
   * @param law a mixture law (inputs C and a share)
   * @param c compute
   * @param r share of the optimised domain
   * @return the law's inputs
   */
  public double[] inputs(ScalingLaw law, double c, double r) {
    boolean own = OWN_SHARE_LAWS.contains(law.name());
    return new double[] {c, own && !ownShareIsR ? 1 - r : r};
  }

  /**
   * @param law a mixture law
   * @param r share of the optimised domain
   * @return whether the law is defined there (BiMix is not where the domain's own share is 0)
   */
  public boolean defined(ScalingLaw law, double r) {
    return !law.positiveInputs().contains(law.inputs().get(1)) || inputs(law, 1, r)[1] > 0;
  }

  /**
   * @return number of runs
   */
  public int size() {
    return c.length;
  }

  /**
   * @param law the law to fit
   * @param rows runs to use; those where the law is undefined are left out
   * @return the observations in the law's inputs
   */
  public Observations observations(ScalingLaw law, int[] rows) {
    List<double[]> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i : rows) {
      if (defined(law, r[i])) {
        x.add(inputs(law, c[i], r[i]));
        y.add(loss[i]);
        ids.add(runIds.get(i));
      }
    }
    return new Observations(
        law.inputs(),
        law.output(),
        x.toArray(double[][]::new),
        y.stream().mapToDouble(Double::doubleValue).toArray(),
        ids);
  }

  /**
   * @return every row index
   */
  public int[] all() {
    return IntStream.range(0, size()).toArray();
  }
}
