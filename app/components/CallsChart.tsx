// Calls per hour or day, drawn on the server as SVG (so it shows without JavaScript), with the
// period's totals beside it. The loader works everything out (callsChart in lib/call-chart.ts).
//
// The SVG is as wide as its box and a fixed height: its labels are placed in percentages across
// and pixels down, so the text stays readable from a phone to a desktop, and the bars sit in a
// nested viewBox (one unit per bucket column, 100 up) that stretches to fill the plot.
import { useId } from "react";
import {
  callsText,
  chartUnit,
  describeChart,
  describeChartPeriod,
  formatCount,
  formatShare,
  type CallsChartData,
  type ChartPeriod,
} from "../lib/call-chart.js";

export interface ChartPeriodLink {
  period: ChartPeriod;
  /** "24 hours" */
  label: string;
  href: string;
  current: boolean;
}

export interface CallsChartProps {
  chart: CallsChartData;
  /** One per period, in order (chartPeriodLinks makes them). */
  periods: readonly ChartPeriodLink[];
}

// The SVG's layout, in CSS pixels down the image.
const HEIGHT = 200;
const PLOT_TOP = 24;
const PLOT_HEIGHT = 148;
const AXIS_Y = HEIGHT - 8;
// Each bucket is 10 units wide in the bars' viewBox; the bar takes 7 of them.
const COLUMN = 10;
const BAR = 7;

export function CallsChart({ chart, periods }: CallsChartProps) {
  const id = useId();
  const headingId = `${id}-heading`;
  const { totals } = chart;
  const unit = chartUnit(chart.period);
  const title = `Calls in ${describeChartPeriod(chart.period)}`;
  return (
    <section className="chart" data-testid="calls-chart" aria-labelledby={headingId}>
      <div className="chart__header">
        <h2 className="chart__title" id={headingId}>
          {title}
        </h2>
        <nav className="chart__periods" aria-label="Chart period">
          <ul>
            {periods.map((link) => (
              <li key={link.period}>
                <a href={link.href} aria-current={link.current ? "page" : undefined}>
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <div className="chart__body">
        <dl className="chart__totals">
          <div>
            <dt>Calls</dt>
            <dd>{formatCount(totals.calls)}</dd>
          </div>
          <div>
            <dt>Callers</dt>
            <dd>{formatCount(totals.callers)}</dd>
          </div>
          <div>
            <dt>New callers</dt>
            <dd>{formatCount(totals.newCallers)}</dd>
          </div>
          <div>
            <dt>Repeat calls</dt>
            <dd>{formatShare(totals.repeatShare)}</dd>
          </div>
        </dl>
        <div className="chart__plot">
          {totals.calls === 0 ? (
            <p className="chart__empty" data-testid="chart-empty">
              No calls in this period.
            </p>
          ) : (
            <Bars chart={chart} />
          )}
          <p className="chart__note">{unit === "hour" ? "Hours" : "Days"} in UTC.</p>
        </div>
      </div>
      {totals.calls === 0 ? null : (
        <table className="visually-hidden">
          <caption>
            Calls per {unit} in {describeChartPeriod(chart.period)}, UTC
          </caption>
          <thead>
            <tr>
              <th scope="col">{unit === "hour" ? "Hour" : "Day"}</th>
              <th scope="col">Calls</th>
            </tr>
          </thead>
          <tbody>
            {chart.buckets.map((bucket) => (
              <tr key={bucket.key}>
                <th scope="row">{bucket.name}</th>
                <td>{formatCount(bucket.calls)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Bars({ chart }: { chart: CallsChartData }) {
  const count = chart.buckets.length;
  const height = (calls: number) => (calls / chart.scaleMax) * 100;
  const at = (index: number) => `${((index + 0.5) / count) * 100}%`;
  return (
    <svg className="chart__svg" width="100%" height={HEIGHT} role="img" aria-label={describeChart(chart)}>
      <text className="chart__axis chart__axis--y" x="0" y={PLOT_TOP - 8}>
        {callsText(chart.scaleMax)}
      </text>
      <svg
        x="0"
        y={PLOT_TOP}
        width="100%"
        height={PLOT_HEIGHT}
        viewBox={`0 0 ${count * COLUMN} 100`}
        preserveAspectRatio="none"
        overflow="visible"
      >
        <line className="chart__grid" x1="0" x2={count * COLUMN} y1="0" y2="0" vectorEffect="non-scaling-stroke" />
        <line className="chart__grid" x1="0" x2={count * COLUMN} y1="50" y2="50" vectorEffect="non-scaling-stroke" />
        {chart.buckets.map((bucket, index) => {
          const h = height(bucket.calls);
          return (
            <rect
              key={bucket.key}
              className={bucket.key === chart.busiest?.key ? "chart__bar chart__bar--busiest" : "chart__bar"}
              data-testid="chart-bar"
              data-calls={bucket.calls}
              x={index * COLUMN + (COLUMN - BAR) / 2}
              y={100 - h}
              width={BAR}
              height={h}
            >
              <title>{bucket.title}</title>
            </rect>
          );
        })}
        <line className="chart__baseline" x1="0" x2={count * COLUMN} y1="100" y2="100" vectorEffect="non-scaling-stroke" />
      </svg>
      {chart.buckets.map((bucket, index) =>
        bucket.tick ? (
          <text
            key={bucket.key}
            className={bucket.tick === "major" ? "chart__axis" : "chart__axis chart__axis--minor"}
            // The outermost labels line up with the plot's edges so that they are never cut off.
            x={index === 0 ? "0" : index === count - 1 ? "100%" : at(index)}
            y={AXIS_Y}
            textAnchor={index === 0 ? "start" : index === count - 1 ? "end" : "middle"}
          >
            {bucket.label}
          </text>
        ) : null,
      )}
    </svg>
  );
}
