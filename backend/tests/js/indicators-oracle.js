// Independent oracle for the .NET indicator tests: reads JSON on stdin,
//   {"closes": [...], "period": 9, "sessions": [{"high": [...], "low": [...], "close": [...], "volume": [...]}]}
// and writes {"sma": [...], "vwap": [[...], ...]} computed by npm technicalindicators.
// SMA runs over all closes (continuous across sessions); VWAP runs per session, because
// technicalindicators' VWAP is cumulative from the first bar it is given.
'use strict';
const { SMA, VWAP } = require('technicalindicators');

const identity = (v) => v; // no rounding: compare raw doubles
let text = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { text += chunk; });
process.stdin.on('end', () => {
  const input = JSON.parse(text);
  const sma = SMA.calculate({ period: input.period, values: input.closes, format: identity });
  // 0/0 (no volume yet) is NaN, which JSON.stringify writes as null.
  const vwap = input.sessions.map((s) => VWAP.calculate({ ...s, format: identity }));
  process.stdout.write(JSON.stringify({ sma, vwap }));
});
