// The learner's last 30 days as a bar chart of reviews per day, with retention; the same figures as a
// table for screen readers and anyone who prefers numbers.
import type { HistoryDay } from '@/lib/review/types';

export interface History {
  days: HistoryDay[];
  retention: number | null;
}

// Bars in the SVG (stretched to the width); the labels are HTML beside it, so they stay readable on a phone.
const WIDTH = 600;
const HEIGHT = 100;

export function HistoryPlot({ history }: { history: History }) {
  const { days, retention } = history;
  const total = days.reduce((n, d) => n + d.reviews, 0);
  const max = Math.max(1, ...days.map((d) => d.reviews));
  const step = WIDTH / days.length;
  const barHeight = (n: number) => (HEIGHT * n) / max;
  const summary = `${total} review${total === 1 ? '' : 's'} in the last ${days.length} days${
    retention === null ? '' : `; retention ${Math.round(retention * 100)} % (cards in review recalled)`
  }.`;
  const active = days.filter((d) => d.reviews > 0);
  return (
    <figure className="history">
      <figcaption>
        <strong>Your history.</strong> {summary}
      </figcaption>
      <div className="history-chart">
        <span className="history-max" aria-hidden="true">
          {max}
        </span>
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={`Reviews per day: ${summary}`} className="history-plot">
          <line x1={0} x2={WIDTH} y1={HEIGHT} y2={HEIGHT} className="axis" />
          {days.map((d, i) => (
            <rect key={d.day} x={i * step + 1} width={Math.max(1, step - 2)} y={HEIGHT - barHeight(d.reviews)} height={barHeight(d.reviews)} className="bar">
              <title>{`${d.day}: ${d.reviews} review${d.reviews === 1 ? '' : 's'}`}</title>
            </rect>
          ))}
        </svg>
        <span className="history-from" aria-hidden="true">
          {days[0]?.day}
        </span>
        <span className="history-to" aria-hidden="true">
          today
        </span>
      </div>
      <details>
        <summary>As a table</summary>
        {active.length === 0 ? (
          <p className="hint">No reviews yet.</p>
        ) : (
          <table className="history-table">
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Reviews</th>
                <th scope="col">Recalled (cards in review)</th>
              </tr>
            </thead>
            <tbody>
              {active.map((d) => (
                <tr key={d.day}>
                  <th scope="row">{d.day}</th>
                  <td>{d.reviews}</td>
                  <td>{d.mature === 0 ? '–' : `${d.recalled} of ${d.mature}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </details>
    </figure>
  );
}
