/** Types for parse-prometheus-text-format (the package ships none); only what opsgate reads. */
declare module 'parse-prometheus-text-format' {
  export interface ParsedSample {
    value?: string;
    labels?: Record<string, string>;
    timestamp_ms?: string;
    /** Histograms and summaries without labels (opsgate demotes them to untyped series first). */
    buckets?: Record<string, string>;
    quantiles?: Record<string, string>;
    count?: string;
    sum?: string;
  }
  export interface ParsedFamily {
    name: string;
    help: string;
    type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED' | string;
    metrics: ParsedSample[];
  }
  /** Throws `InvalidLineError` on the first line it cannot read. */
  export default function parsePrometheusTextFormat(text: string): ParsedFamily[];
}
