# Alarms. The streamer runs only in the session (09:31-16:00 New York on weekdays; 09:35-16:00 with
# 5-minute runs), so nights, weekends and holidays produce no data points at all. Every alarm therefore treats missing data as notBreaching: silence
# outside the session is normal and must not page anyone. The price of that choice: an alarm cannot
# see a function that never runs (see the invocation section below and docs/infrastructure.md).

resource "aws_sns_topic" "alerts" {
  count = var.alert_email == null ? 0 : 1
  name  = local.names.alert_topic
}

# AWS sends a confirmation email; notifications start once it is confirmed.
resource "aws_sns_topic_subscription" "email" {
  count     = var.alert_email == null ? 0 : 1
  topic_arn = aws_sns_topic.alerts[0].arn
  protocol  = "email"
  endpoint  = var.alert_email
}

locals {
  alarm_actions = aws_sns_topic.alerts[*].arn

  # The no-data and data-lag alarms follow var.run_interval_minutes: a period is 5 minutes, or one
  # interval if that is longer, so every period holds at least one run; the windows stay 15 minutes
  # (no data) and 10 minutes (lag). Every minute that is 5 runs per period; every 5 minutes, one run
  # per period: a healthy deployment puts a good data point in each period, and a stalled one a
  # breaching point in each, so it alarms after 3 runs (no data) or 2 runs (lag) instead of 15 and 10.
  # A period shorter than the interval would hold no run at all in most periods (missing data,
  # notBreaching), and a stalled deployment would never alarm.
  alarm_period_seconds        = max(300, 60 * var.run_interval_minutes)
  no_data_evaluation_periods  = ceil(15 * 60 / local.alarm_period_seconds)
  data_lag_evaluation_periods = ceil(10 * 60 / local.alarm_period_seconds)
}

# The deployment guide's alarm. The handler emits DataPointsFetched (with no dimensions, matching
# this alarm) on every run inside the session, 0 when Schwab returned nothing, and emits nothing when
# the market is closed. So: 15 minutes of runs that fetched nothing -> ALARM; no runs -> quiet.
resource "aws_cloudwatch_metric_alarm" "no_data" {
  alarm_name          = local.names.alarm_no_data
  alarm_description   = "No market data fetched for 15 minutes during the session (runs happen but Schwab returns nothing)."
  namespace           = local.metric_namespace
  metric_name         = "DataPointsFetched"
  statistic           = "Sum"
  period              = local.alarm_period_seconds
  evaluation_periods  = local.no_data_evaluation_periods
  threshold           = 1
  comparison_operator = "LessThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
}

# Any failed run throws, so Lambda counts it here: a dead token, a bad database URL, a crash at
# start-up, a timeout. Errors in three consecutive 5-minute periods means a failure that persists
# (one bad Schwab response does not page); the function publishes Errors = 0 on successful runs.
resource "aws_cloudwatch_metric_alarm" "errors" {
  alarm_name          = local.names.alarm_errors
  alarm_description   = "${local.function_name} failed in each of the last three 5-minute periods: read its log group."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.this.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 3
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
}

# The close-out (16:10 New York, once a day) reloads the session to write the bars failed minute
# runs left out. One failed run never trips the errors alarm above (it needs three periods in a
# row), so the handler publishes CloseOutSuccess on every close-out that runs on a trading day:
# 1 on success, 0 on any failure. Minute runs and holidays publish none (notBreaching: quiet). A
# close-out that never ran publishes nothing either: only schedule_dropped below sees that.
resource "aws_cloudwatch_metric_alarm" "closeout_failed" {
  alarm_name          = local.names.alarm_closeout
  alarm_description   = "The close-out run of ${local.function_name} failed: the day's last bars may be missing. Read its log group and rerun it ({\"closeout\": true}) or reload the date."
  namespace           = local.metric_namespace
  metric_name         = "CloseOutSuccess"
  statistic           = "Minimum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "LessThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
}

# Schwab refresh tokens die 7 days after the browser login and cannot be extended. The handler
# reports the hours left on every run; under the threshold a person must log in to Schwab again and
# upload the new token file. The metric exists only while runs happen, so a 24-hour window can fall
# on a weekend and never be seen: the default of 72 hours always contains a trading session. The alarm returns to OK each night (no data) and fires again at the next open:
# one reminder per trading day until the token is renewed.
resource "aws_cloudwatch_metric_alarm" "refresh_token" {
  alarm_name          = local.names.alarm_refresh_token
  alarm_description   = "The Schwab refresh token expires within ${var.refresh_token_warning_hours} hours: log in again (alphakite auth) and upload the new token."
  namespace           = local.metric_namespace
  metric_name         = "RefreshTokenHoursLeft"
  statistic           = "Minimum"
  period              = 3600
  evaluation_periods  = 1
  threshold           = var.refresh_token_warning_hours
  comparison_operator = "LessThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
}

# Runs succeed but the newest stored bar falls behind (Schwab late, writes failing per ticker).
resource "aws_cloudwatch_metric_alarm" "data_lag" {
  alarm_name          = local.names.alarm_data_lag
  alarm_description   = "The newest stored bar is more than ${var.data_lag_threshold_seconds} s old for 10 minutes."
  namespace           = local.metric_namespace
  metric_name         = "DataLagSeconds"
  statistic           = "Maximum"
  period              = local.alarm_period_seconds
  evaluation_periods  = local.data_lag_evaluation_periods
  threshold           = var.data_lag_threshold_seconds
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
}

# Invocations. An alarm on AWS/Lambda Invocations < 1 cannot work here: a function that is not
# invoked publishes no Invocations data point at all, so with notBreaching it never fires, and with
# breaching it fires every night and weekend. What can be seen is Scheduler failing to deliver a
# run (role or permission broken, function deleted, Lambda throttling the Invoke call): with zero
# retries each such failure is counted as dropped. A schedule that is disabled or deleted outright
# shows up only as drift in `terraform plan`.
resource "aws_cloudwatch_metric_alarm" "schedule_dropped" {
  alarm_name          = local.names.alarm_schedule_drops
  alarm_description   = "EventBridge Scheduler could not invoke ${local.function_name}: check the scheduler role and the function."
  namespace           = "AWS/Scheduler"
  metric_name         = "InvocationDroppedCount"
  dimensions          = { ScheduleGroup = aws_scheduler_schedule_group.this.name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
}

# One CloudWatch dashboard per environment: what the function writes, how far behind it is, what
# fails, how long it runs, the Schwab token, and the alarms' states at a glance. The metric names
# are the ones the handler publishes through EMF (backend/src/AlphaKite.Aws/Metrics/EmfMetrics.cs),
# without dimensions like the alarms; Lambda's own metrics carry FunctionName. Up to three
# dashboards per account are free (docs/costs.md).
locals {
  # Every alarm of the stack, once: the dashboard's alarm widget and the alarm_names output list them.
  alarms = [
    aws_cloudwatch_metric_alarm.no_data,
    aws_cloudwatch_metric_alarm.errors,
    aws_cloudwatch_metric_alarm.refresh_token,
    aws_cloudwatch_metric_alarm.data_lag,
    aws_cloudwatch_metric_alarm.schedule_dropped,
    aws_cloudwatch_metric_alarm.closeout_failed,
  ]

  # One data point per run: 1 minute, or 5 with 5-minute runs.
  dashboard_period = 60 * var.run_interval_minutes

  # The console's host per partition (GovCloud and China have their own consoles).
  console_hosts = {
    "aws"        = "${var.aws_region}.console.aws.amazon.com"
    "aws-us-gov" = "console.amazonaws-us-gov.com"
    "aws-cn"     = "console.amazonaws.cn"
  }
  dashboard_url = "https://${lookup(local.console_hosts, data.aws_partition.current.partition, local.console_hosts["aws"])}/cloudwatch/home?region=${var.aws_region}#dashboards/dashboard/${aws_cloudwatch_dashboard.this.dashboard_name}"

  # One metric of the function's namespace: [namespace, name, { options }].
  dashboard_widgets = [
    {
      title = "Bars written and candles fetched (sum per period)"
      metrics = [
        [local.metric_namespace, "RowsWritten", { stat = "Sum", label = "Rows written (bars + indicators)" }],
        [local.metric_namespace, "DataPointsFetched", { stat = "Sum", label = "Candles fetched from Schwab" }],
      ]
      annotations = {}
    },
    {
      title = "Data lag (s): newest stored bar at each run"
      metrics = [
        [local.metric_namespace, "DataLagSeconds", { stat = "Maximum", label = "Data lag (max)" }],
      ]
      annotations = { horizontal = [{ label = "alarm threshold", value = var.data_lag_threshold_seconds }] }
    },
    {
      title = "Failures (1 = ok, 0 = failed)"
      metrics = [
        [local.metric_namespace, "SupabaseUploadSuccess", { stat = "Minimum", label = "Upload succeeded (min)" }],
        [local.metric_namespace, "CloseOutSuccess", { stat = "Minimum", label = "Close-out succeeded (min)" }],
        ["AWS/Scheduler", "InvocationDroppedCount", "ScheduleGroup", aws_scheduler_schedule_group.this.name, { stat = "Sum", label = "Runs Scheduler dropped" }],
      ]
      annotations = {}
    },
    {
      title = "Lambda duration (ms)"
      metrics = [
        ["AWS/Lambda", "Duration", "FunctionName", aws_lambda_function.this.function_name, { stat = "Average", label = "Duration (avg)" }],
        ["AWS/Lambda", "Duration", "FunctionName", aws_lambda_function.this.function_name, { stat = "Maximum", label = "Duration (max)" }],
        [local.metric_namespace, "LatencyMilliseconds", { stat = "Maximum", label = "Tick latency (max)" }],
      ]
      annotations = {}
    },
    {
      title = "Lambda invocations and errors"
      metrics = [
        ["AWS/Lambda", "Invocations", "FunctionName", aws_lambda_function.this.function_name, { stat = "Sum", label = "Invocations" }],
        ["AWS/Lambda", "Errors", "FunctionName", aws_lambda_function.this.function_name, { stat = "Sum", label = "Errors" }],
        ["AWS/Lambda", "Throttles", "FunctionName", aws_lambda_function.this.function_name, { stat = "Sum", label = "Throttles" }],
      ]
      annotations = {}
    },
    {
      title = "Schwab token: refreshes and calendar disagreements"
      metrics = [
        [local.metric_namespace, "TokenRefreshEvents", { stat = "Sum", label = "Access-token refreshes" }],
        # Published by the tick when Schwab's market hours overrule the NYSE calendar.
        [local.metric_namespace, "CalendarDisagreements", { stat = "Sum", label = "Calendar disagreements" }],
      ]
      annotations = {}
    },
    {
      title = "Refresh token: hours left until a new Schwab login"
      metrics = [
        [local.metric_namespace, "RefreshTokenHoursLeft", { stat = "Minimum", label = "Hours left (min)" }],
      ]
      annotations = { horizontal = [{ label = "alarm threshold", value = var.refresh_token_warning_hours }] }
    },
  ]
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = local.names.dashboard
  dashboard_body = jsonencode({
    widgets = concat(
      [{
        type   = "alarm"
        x      = 0
        y      = 0
        width  = 24
        height = 3
        properties = {
          title  = "Alarms"
          alarms = local.alarms[*].arn
        }
      }],
      [for i, widget in local.dashboard_widgets : {
        type   = "metric"
        x      = (i % 2) * 12
        y      = 3 + floor(i / 2) * 6
        width  = 12
        height = 6
        properties = merge(
          {
            title   = widget.title
            region  = var.aws_region
            view    = "timeSeries"
            stacked = false
            period  = local.dashboard_period
            metrics = widget.metrics
          },
          widget.annotations == {} ? {} : { annotations = widget.annotations },
        )
      }],
    )
  })
}
