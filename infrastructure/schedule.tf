# EventBridge Scheduler rather than EventBridge rules: rules are UTC-only, so three hand-converted
# UTC cron rules are an hour off for half the year. Scheduler evaluates the expressions in New York
# time and follows daylight saving time. See local.schedules for the minutes.
resource "aws_scheduler_schedule_group" "this" {
  name = local.names.schedule_group
}

# The minute runs (local.schedules) and the close-out run ten minutes after the close, which
# reloads today's session ({"closeout": true}) and writes whatever the minute runs left out.
# Schedule names have no environment suffix: a name is unique only within its group, and the group
# (local.names.schedule_group) is per environment, so staging's alpha-kite-staging/alpha-kite-closeout
# never meets prod's alpha-kite-prod/alpha-kite-closeout.
resource "aws_scheduler_schedule" "bars" {
  for_each = local.runs

  name                         = each.value.name
  group_name                   = aws_scheduler_schedule_group.this.name
  description                  = each.value.description
  schedule_expression          = each.value.expression
  schedule_expression_timezone = local.schedule_timezone

  # On the minute: the handler fetches the bar that has just completed.
  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_lambda_function.this.arn
    role_arn = aws_iam_role.scheduler.arn
    input    = each.value.input

    # The default (185 retries over 24 h) would replay stale minutes for a day; the next run heals.
    # A dropped delivery counts in the schedule-dropped alarm.
    retry_policy {
      maximum_retry_attempts       = 0
      maximum_event_age_in_seconds = 60
    }
  }

  # IAM is eventually consistent: without this the first runs can be dropped as access denied.
  depends_on = [aws_iam_role_policy.scheduler]
}
