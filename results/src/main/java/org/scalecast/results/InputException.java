package org.scalecast.results;

/**
 * Bad input from a user: a file, key, row or column that is wrong. The command line prints its
 * message as one line and exits with code 2; it never carries a stack trace to the user.
 */
public class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message one line naming the problem (file, key, row, column)
   */
  public InputException(String message) {
    super(message);
  }

  /**
   * @param message one line naming the problem
   * @param cause the underlying failure, kept for debugging
   */
  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
