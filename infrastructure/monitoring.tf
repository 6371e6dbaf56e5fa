# Alarms. The streamer runs only 09:31-16:00 New York on weekdays, so nights, weekends and holidays
# produce no data points at all. Every alarm therefore treats missing data as notBreaching: silence
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
  period              = 300
  evaluation_periods  = 3
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
  period              = 300
  evaluation_periods  = 2
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
