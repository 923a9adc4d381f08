import type { Group } from '../api/types.js';
import { formatCohort, formatCount, formatEstimate } from '../format.js';

/** The 2x2 counts of one cohort with the rates read off each row. */
export function ConfusionMatrix({ group }: { readonly group: Group }) {
  const label = formatCohort(group.attributes);
  if (group.suppressed)
    return (
      <p>
        {label}: suppressed ({group.reason ?? 'privacy minimum cell size'})
      </p>
    );
  const rate = (name: string): string =>
    formatEstimate(group.metrics[name]?.value ?? null, group.metrics[name]?.ci ?? null);
  return (
    <table class="confusion">
      <caption>
        {label}: n={formatCount(group.n)} labelled
        {group.insufficient ? ' (below minimum samples)' : ''}
      </caption>
      <thead>
        <tr>
          <td />
          <th scope="col">decided 1</th>
          <th scope="col">decided 0</th>
          <th scope="col">rate</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">label 1</th>
          <td>TP {formatCount(group.tp)}</td>
          <td>FN {formatCount(group.fn)}</td>
          <td>TPR {rate('tpr')}</td>
        </tr>
        <tr>
          <th scope="row">label 0</th>
          <td>FP {formatCount(group.fp)}</td>
          <td>TN {formatCount(group.tn)}</td>
          <td>FPR {rate('fpr')}</td>
        </tr>
        <tr>
          <th scope="row">precision</th>
          <td colSpan={3}>PPV {rate('ppv')}</td>
        </tr>
      </tbody>
    </table>
  );
}
