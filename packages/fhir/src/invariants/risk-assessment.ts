import type { RiskAssessmentPrediction } from '../generated/resources/RiskAssessment.js';
import type { Check } from '../schema/builders.js';
import { invariant } from '../schema/issue.js';

/** ras-2: a probability given as a decimal is a percentage, so at most 100. */
export const ras2: Check<RiskAssessmentPrediction> = (prediction, ctx) => {
  if (typeof prediction.probabilityDecimal === 'number' && prediction.probabilityDecimal > 100) {
    invariant(ctx, [], 'ras-2', 'Must be <= 100');
  }
};
