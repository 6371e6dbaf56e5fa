locals {
  # The naming rule, for every name in an account and region: `prod` keeps the deployment guide's
  # names exactly; any other environment appends "-<environment>", so two environments coexist
  # in one account (a name without the environment would be taken over by the second apply).
  # Names that already carry the environment (secret, parameters, roles, topic, schedule group)
  # are the same for prod as before. Schedule names (alpha-kite-bars-*, alpha-kite-closeout) are
  # unique only inside their group, and the group carries the environment: they need no suffix.
  suffix = var.environment == "prod" ? "" : "-${var.environment}"
  names = {
    function             = "alpha-kite-real-time-streamer${local.suffix}"
    log_group            = "/aws/lambda/alpha-kite-real-time-streamer${local.suffix}"
    token_secret         = "schwab-api-token-${var.environment}"
    parameter_prefix     = "/alpha-kite/${var.environment}/"
    function_role        = "alpha-kite-streamer-${var.environment}"
    function_policy      = "alpha-kite-streamer${local.suffix}"
    scheduler_role       = "alpha-kite-scheduler-${var.environment}"
    scheduler_policy     = "alpha-kite-invoke-streamer${local.suffix}"
    schedule_group       = "alpha-kite-${var.environment}"
    alert_topic          = "alpha-kite-alerts-${var.environment}"
    alarm_no_data        = "alpha-kite-no-data-alert${local.suffix}"
    alarm_errors         = "alpha-kite-errors${local.suffix}"
    alarm_refresh_token  = "alpha-kite-refresh-token-expiring${local.suffix}"
    alarm_data_lag       = "alpha-kite-data-lag${local.suffix}"
    alarm_schedule_drops = "alpha-kite-schedule-dropped${local.suffix}"
    alarm_closeout       = "alpha-kite-closeout-failed${local.suffix}"
    dashboard            = "alpha-kite-${var.environment}"
  }
  function_name    = local.names.function
  log_group_name   = local.names.log_group
  token_secret     = local.names.token_secret
  parameter_prefix = local.names.parameter_prefix
  metric_namespace = "AlphaKiteMax/RealTimeStreaming"

  # Built by ../deploy_lambda.sh before every plan; one package for every environment.
  package_path = "${path.module}/../artifacts/lambda/alpha-kite-real-time-streamer.zip"

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
  # Every 5 minutes (var.run_interval_minutes = 5): 09:35, 09:40, ... 16:00, 5 + 72 + 1 = 78 runs per
  # full session. Each run refetches the session and stores every bar completed since the last one,
  # so nothing is lost: bars arrive up to 5 minutes later. The keys (open, day, close) are the same
  # for both intervals, so the resource addresses are too.
  schedules_by_interval = {
    "1" = {
      "open"  = "cron(31-59 9 ? * MON-FRI *)"
      "day"   = "cron(* 10-15 ? * MON-FRI *)"
      "close" = "cron(0 16 ? * MON-FRI *)"
    }
    "5" = {
      "open"  = "cron(35-55/5 9 ? * MON-FRI *)"
      "day"   = "cron(0/5 10-15 ? * MON-FRI *)"
      "close" = "cron(0 16 ? * MON-FRI *)"
    }
  }
  schedules         = local.schedules_by_interval[tostring(var.run_interval_minutes)]
  schedule_timezone = "America/New_York"

  # The close-out run: the minute runs end at the close, so a failed last run (16:00, or 13:00/13:01
  # on an early close) would lose the day's last bar for good. 16:10 on every weekday reloads the
  # whole day; one run covers early closes too (it only needs the session to have closed). The
  # handler answers "Market is closed" on holidays. See docs/architecture.md ("The close-out run").
  closeout_schedule = "cron(10 16 ? * MON-FRI *)"

  # Every schedule with its event: the minute runs keep their keys (open, day, close), so their
  # resource addresses are the same as before the close-out existed.
  runs = merge(
    { for key, cron in local.schedules : key => {
      name        = "alpha-kite-bars-${key}"
      expression  = cron
      input       = "{}"
      description = "Run the streamer once per completed regular-session bar (${key})"
    } },
    { closeout = {
      name        = "alpha-kite-closeout"
      expression  = local.closeout_schedule
      input       = jsonencode({ closeout = true })
      description = "Reload the day's session after the close (heals a failed last run)"
    } },
  )
}
