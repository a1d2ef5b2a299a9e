package org.scalecast.fit.gadre;

import java.util.List;

/** Task subsets of the paper. */
public final class GadreTasks {
  private GadreTasks() {}

  /** Name of the 17-task average error. */
  public static final String AVG17 = "avg17";

  /** Name of the 46-task average error. */
  public static final String AVG46 = "avg46";

  /** The paper's 17-task subset, on which small models are above chance (section 3.4). */
  public static final List<String> SUBSET_17 =
      List.of(
          "arc_easy",
          "bigbench_cs_algorithms",
          "bigbench_dyck_languages",
          "bigbench_novel_concepts",
          "bigbench_operators",
          "bigbench_qa_wikidata",
          "boolq",
          "commonsense_qa",
          "copa",
          "coqa",
          "hellaswag_zeroshot",
          "hellaswag",
          "lambada_openai",
          "piqa",
          "pubmed_qa_labeled",
          "squad",
          "winograd");
}
