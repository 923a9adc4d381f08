/**
 * The page at `/` when the dashboard has not been built (`npm run build` builds it): it says so
 * and where the API is, so a user who opens the service in a browser is not left with a 404.
 */
export function dashboardPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>fairwatch</title></head>
<body>
<h1>fairwatch</h1>
<p>The service is running, but the dashboard has not been built: run <code>npm run build</code> in the repository and restart.</p>
<p>The API:</p>
<ul>
<li><a href="/v1/alerts">/v1/alerts</a>: pending, firing and recently resolved alerts</li>
<li><a href="/v1/slos">/v1/slos</a>: every SLO with its comparisons, burn rates and error budgets</li>
<li><a href="/v1/models">/v1/models</a>: models and versions; per-group metrics at /v1/models/NAME/metrics?window=1h</li>
<li><a href="/metrics">/metrics</a>: Prometheus exposition</li>
</ul>
</body></html>
`;
}
