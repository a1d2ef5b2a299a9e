/**
 * Sampling-model definitions: the GPT-style decoder's shape ({@link
 * org.scalecast.models.GptConfig}) and its parameter and FLOP accounting ({@link
 * org.scalecast.models.ParameterCount}, {@link org.scalecast.models.Flops}), defined once for the
 * whole project. The DJL blocks arrive with the training harness.
 */
package org.scalecast.models;
