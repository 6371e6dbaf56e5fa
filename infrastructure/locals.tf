locals {
  # Names fixed by the deployment guide and the Lambda's configuration contract.
  function_name    = "alpha-kite-real-time-streamer"
  log_group_name   = "/aws/lambda/${local.function_name}"
  token_secret     = "schwab-api-token-${var.environment}"
  parameter_prefix = "/alpha-kite/${var.environment}/"
  metric_namespace = "AlphaKiteMax/RealTimeStreaming"

  # Built by ../deploy_lambda.sh before every plan.
  package_path = "${path.module}/../artifacts/lambda/${local.function_name}.zip"

  # The default ticker first, then the others, each once.
  tickers = distinct(concat([var.default_ticker], var.tickers))

  # Parameter names only: for_each keys must not derive from sensitive values.
  parameter_names = toset(["schwab-app-key", "schwab-app-secret", "database-url"])
  parameter_values = {
    "schwab-app-key"    = var.schwab_app_key
    "schwab-app-secret" = var.schwab_secret
    "database-url"      = var.database_url
  }

  # Regular session 09:30-16:00 New York = bars 09:30..15:59; a bar is complete one minute after it
  # starts, so the runs are 09:31..16:00: 29 + 360 + 1 = 390 per full session, one per completed bar.
  # AWS applies daylight saving time; exchange holidays and early closes (13:00) are the handler's job:
  # it checks the NYSE calendar and answers "Market is closed" without touching Schwab or the database.
  schedules = {
    "open"  = "cron(31-59 9 ? * MON-FRI *)"
    "day"   = "cron(* 10-15 ? * MON-FRI *)"
    "close" = "cron(0 16 ? * MON-FRI *)"
  }
  schedule_timezone = "America/New_York"

  # The close-out run: the minute runs end at the close, so a failed last run (16:00, or 13:00/13:01
  # on an early close) would lose the day's last bar for good. 16:10 on every weekday reloads the
  # whole day; one run covers early closes too (it only needs the session to have closed). The
  # handler answers "Market is closed" on holidays. See docs/architecture.md ("The close-out run").
  closeout_schedule = "cron(10 16 ? * MON-FRI *)"
}
