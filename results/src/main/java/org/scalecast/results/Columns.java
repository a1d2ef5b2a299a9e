package org.scalecast.results;

/**
 * Every column name of the results table, defined once: the record's fields, the design columns a
 * run manifest carries, and the families built from a domain or a task. Readers and writers in
 * every module take names from here, so a renamed column is one edit (issue 9).
 */
public final class Columns {
  /**
   * The columns of every canonical table, by which scalecast reads a run's checkpoints: what a
   * ladder is turned into (with {@link #SOURCE_ROW}), and the names a user's column may not take
   * but for case (Tablesaw compares names ignoring case).
   */
  public static final java.util.List<String> CANONICAL =
      java.util.List.of(
          Columns.RUN_ID,
          Columns.STEP,
          Columns.TOKENS,
          Columns.N_PARAMS,
          Columns.FLOPS,
          Columns.ROLE,
          Columns.IS_FINAL);

  /**
   * @param name a column name
   * @param among names
   * @return the one of {@code among} that equals {@code name} ignoring case but not exactly, else
   *     null: Tablesaw compares column names ignoring case, so the two cannot stand in one table
   */
  public static String sameButForCase(String name, java.util.List<String> among) {
    return among.stream()
        .filter(o -> o.equalsIgnoreCase(name) && !o.equals(name))
        .findFirst()
        .orElse(null);
  }

  /** Layout version of the record and the table. */
  public static final String SCHEMA_VERSION = "schema_version";

  /** The run a row belongs to; every row carries it. */
  public static final String RUN_ID = "run_id";

  /** {@link Role}: sampling or target. */
  public static final String ROLE = "role";

  /**
   * What a metric's standard error column adds to its name ({@code piqa_acc_stderr}): the
   * lm-evaluation-harness's own, kept by {@code results import lm-eval} and read back for a task's
   * item count.
   */
  public static final String STDERR_SUFFIX = "_stderr";

  /** Optimizer steps done. */
  public static final String STEP = "step";

  /** Whether the row is its run's last checkpoint (a boolean column). */
  public static final String IS_FINAL = "is_final";

  /**
   * Where each of a ladder's rows was read ({@link RowSources}): in memory only, since a written
   * table's rows are its own file's; a name no user column may take.
   */
  public static final String SOURCE_ROW = "scalecast_source_row";

  /** Training tokens seen, D. */
  public static final String TOKENS = "tokens";

  /** Tokens seen over the run's token budget. */
  public static final String FRAC_OF_BUDGET = "frac_of_budget";

  /** Training compute C = 6 N D. */
  public static final String FLOPS = "flops";

  /** Training compute with the head and attention counted. */
  public static final String FLOPS_ATTENTION = "flops_attention";

  /** Learning rate of the last step. */
  public static final String LR = "lr";

  /** Smoothed training loss. */
  public static final String TRAIN_LOSS = "train_loss";

  /** Training wall time so far. */
  public static final String WALL_SECONDS = "wall_seconds";

  /** Wall time the checkpoint's downstream evaluation took (recorded beside the task scores). */
  public static final String EVAL_SECONDS = "eval_seconds";

  /** Training throughput since the previous record. */
  public static final String TOKENS_PER_SECOND = "tokens_per_second";

  /** The sweep's name. */
  public static final String SWEEP = "sweep";

  /** Model initialisation and data order. */
  public static final String SEED = "seed";

  /** The model size's name. */
  public static final String MODEL = "model";

  /** Width. */
  public static final String D_MODEL = "d_model";

  /** Depth. */
  public static final String N_LAYER = "n_layer";

  /** Attention heads. */
  public static final String N_HEAD = "n_head";

  /** Context length in tokens. */
  public static final String CONTEXT_LENGTH = "context_length";

  /** Vocabulary size. */
  public static final String VOCAB_SIZE = "vocab_size";

  /** Non-embedding parameters, N (Kaplan et al. 2020). */
  public static final String N_PARAMS = "n_params";

  /** All parameters, embeddings included, M's unit (Hoffmann et al. 2022). */
  public static final String N_PARAMS_TOTAL = "n_params_total";

  /** Training FLOPs per token, 6 N. */
  public static final String FLOPS_PER_TOKEN = "flops_per_token";

  /** Training tokens planned, D at the end. */
  public static final String TOKEN_BUDGET = "token_budget";

  /** Token budget over all parameters, M. */
  public static final String TOKENS_PER_PARAM = "tokens_per_param";

  /** Peak learning rate. */
  public static final String LR_PEAK = "lr_peak";

  /** Learning-rate schedule. */
  public static final String SCHEDULE = "schedule";

  /** Sequences per optimizer step. */
  public static final String BATCH_SIZE = "batch_size";

  /** Tokenizer, {@code bytes} or {@code bpe-V}. */
  public static final String TOKENIZER = "tokenizer";

  /** The mixture-weighted validation domain. */
  public static final String MIX_DOMAIN = "mix";

  private static final String VAL_LOSS = "val_loss_";
  private static final String VAL_BPB = "val_bpb_";
  private static final String TOKENS_OF = "tokens_";
  private static final String MIX_SHARE = "mix_";

  private Columns() {}

  /**
   * @param domain a domain or {@link #MIX_DOMAIN}
   * @return its validation loss column, nats per token
   */
  public static String valLoss(String domain) {
    return VAL_LOSS + domain;
  }

  /**
   * @param column a column name
   * @return whether it is a validation loss column of some domain
   */
  public static boolean isValLoss(String column) {
    return column.startsWith(VAL_LOSS);
  }

  /**
   * @param domain a domain or {@link #MIX_DOMAIN}
   * @return its validation loss column in bits per byte
   */
  public static String valBpb(String domain) {
    return VAL_BPB + domain;
  }

  /**
   * @param domain a domain
   * @return its column of training tokens seen
   */
  public static String tokens(String domain) {
    return TOKENS_OF + domain;
  }

  /**
   * @param domain a domain
   * @return its design column of the mixture share
   */
  public static String mixShare(String domain) {
    return MIX_SHARE + domain;
  }

  /**
   * @param column a column name
   * @return whether it is a mixture share design column
   */
  public static boolean isMixShare(String column) {
    return column.startsWith(MIX_SHARE);
  }

  /**
   * @param column a mixture share column
   * @return its domain
   */
  public static String mixDomain(String column) {
    return column.substring(MIX_SHARE.length());
  }

  /**
   * A task's metric column: the version is part of the name, so numbers under one name never
   * silently change meaning.
   *
   * @param task the task's name
   * @param version its definition's version
   * @param metric {@link TaskMetric}
   * @return e.g. {@code text_cloze_v1_em}
   */
  public static String task(String task, int version, TaskMetric metric) {
    return task + "_v" + version + "_" + metric.key();
  }
}
