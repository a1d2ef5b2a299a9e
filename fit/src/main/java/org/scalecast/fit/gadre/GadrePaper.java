package org.scalecast.fit.gadre;

import java.util.List;
import java.util.Map;

/**
 * The numbers Gadre et al. (2024, arXiv 2403.08540v2) printed, as printed: the reference a
 * reproduction is checked against. These are the paper's, not ours.
 */
final class GadrePaper {
  private GadrePaper() {}

  /** Training-set keys of the data, in the paper's row order. */
  static final List<String> DATASETS = List.of("c4_original", "rpj", "rw_original");

  /** The paper's row label per training set. */
  static final Map<String, String> LABEL =
      Map.of("c4_original", "C4", "rpj", "RedPajama", "rw_original", "RefinedWeb");

  /** Table 6 columns: Eq. 4's E, a, b, eta, then Eq. 5's epsilon, k, gamma (17-task average). */
  static final List<String> TABLE6_COLUMNS = List.of("E", "a", "b", "eta", "epsilon", "k", "gamma");

  /** Table 6, per training set, in {@link #TABLE6_COLUMNS} order. */
  static final Map<String, List<String>> TABLE6 =
      Map.of(
          "c4_original", List.of("1.51", "141", "190", "0.121", "0.850", "2.08", "0.756"),
          "rpj", List.of("1.84", "212", "367", "0.136", "0.857", "2.21", "0.715"),
          "rw_original", List.of("1.73", "157", "246", "0.127", "0.865", "2.21", "0.707"));

  /** Implied compute-optimal multiplier M* = (b/a)^(1/(2 eta)), quoted in EXPECTED.md. */
  static final Map<String, String> M_STAR =
      Map.of("c4_original", "3.36", "rpj", "7.42", "rw_original", "5.85");

  /** Table 2 columns: task keys of the eval files, and the 17-task average. */
  static final List<String> TABLE2_TASKS =
      List.of("arc_easy", "lambada_openai", "openbook_qa", "hellaswag_zeroshot", GadreTasks.AVG17);

  /** Table 2 column labels as printed. */
  static final List<String> TABLE2_LABELS =
      List.of("ARC-Easy", "LAMBADA", "OpenBookQA", "HellaSwag (0-shot)", "17-task avg");

  /** Table 2: relative error (%) predicting the 6.9B, M = 20 run. */
  static final Map<String, List<String>> TABLE2 =
      Map.of(
          "c4_original", List.of("28.96", "15.01", "16.80", "79.58", "0.14"),
          "rpj", List.of("5.21", "14.39", "8.44", "25.73", "0.05"),
          "rw_original", List.of("26.06", "16.55", "1.92", "81.96", "2.94"));

  /** Table 7: 17-task average relative error (%) without the 1.4B run in Eq. 5's fit set. */
  static final Map<String, String> TABLE7 =
      Map.of("c4_original", "0.42", "rpj", "10.64", "rw_original", "15.79");

  /**
   * A headline run and its relative errors (%): loss, 17-task error, 46-task error.
   *
   * @param dataset training set
   * @param model model key
   * @param multiplier Chinchilla multiplier
   * @param label as printed
   * @param errors loss, 17-task, 46-task
   */
  record Headline(
      String dataset, String model, double multiplier, String label, List<String> errors) {}

  /** The headline runs (Figure 1 and section 5 of the paper). */
  static final List<Headline> HEADLINE =
      List.of(
          new Headline(
              "c4_original", "open_lm_1b", 4.0, "C4 1.4B M=80", List.of("1.5", "9.6", "3.1")),
          new Headline(
              "c4_original", "open_lm_7b", 1.0, "C4 6.9B M=20", List.of("4.3", "0.1", "0.1")),
          new Headline(
              "rpj", "open_lm_1b", 32.0, "RedPajama 1.4B M=640", List.of("0.7", "3.6", "3.4")),
          new Headline(
              "rpj", "open_lm_7b", 1.0, "RedPajama 6.9B M=20", List.of("0.7", "0.0", "2.1")),
          new Headline(
              "rw_original",
              "open_lm_1b",
              16.0,
              "RefinedWeb 1.4B M=320",
              List.of("0.0", "5.6", "4.3")),
          new Headline(
              "rw_original",
              "open_lm_7b",
              1.0,
              "RefinedWeb 6.9B M=20",
              List.of("1.6", "2.9", "2.8")));
}
