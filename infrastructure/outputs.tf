# Names only: nothing here is secret, and no output is marked sensitive.

output "aws_region" {
  description = "Region everything was deployed to (pass it to the aws CLI with --region)."
  value       = var.aws_region
}

output "function_name" {
  description = "Name of the Lambda function."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "ARN of the Lambda function."
  value       = aws_lambda_function.this.arn
}

output "log_group_name" {
  description = "CloudWatch log group of the function (logs and EMF metrics)."
  value       = aws_cloudwatch_log_group.this.name
}

output "token_store" {
  description = "Where the schwab-py token file lives: secretsmanager or ssm (var.token_store)."
  value       = var.token_store
}

output "token_secret_name" {
  description = "Secrets Manager secret that holds the schwab-py token file, or null with token_store = ssm."
  value       = one(aws_secretsmanager_secret.token[*].name)
}

output "token_parameter_name" {
  description = "SSM SecureString parameter that holds the schwab-py token file, or null with token_store = secretsmanager."
  value       = one(aws_ssm_parameter.token[*].name)
}

output "token_upload_command" {
  description = "Run from the repository root to upload the token file created by the Schwab login (the first time and after every re-login)."
  value       = local.token_upload_command
}

output "parameter_names" {
  description = "SSM SecureString parameters holding the Schwab app key, app secret and database URL (names only)."
  value       = sort([for p in aws_ssm_parameter.secret : p.name])
}

output "schedule_group_name" {
  description = "EventBridge Scheduler group holding the schedules."
  value       = aws_scheduler_schedule_group.this.name
}

output "schedule_names" {
  description = "EventBridge Scheduler schedules of the minute runs (America/New_York, 09:31-16:00 on weekdays); the close-out run is closeout_schedule_name."
  value       = sort([for key, s in aws_scheduler_schedule.bars : s.name if key != "closeout"])
}

output "closeout_schedule_name" {
  description = "EventBridge Scheduler schedule of the close-out run (16:10 America/New_York on weekdays)."
  value       = aws_scheduler_schedule.bars["closeout"].name
}

output "alarm_names" {
  description = "CloudWatch alarms watching the streamer."
  value       = local.alarms[*].alarm_name
}

output "alert_topic_arn" {
  description = "SNS topic the alarms notify, or null when alert_email is not set."
  value       = one(aws_sns_topic.alerts[*].arn)
}

output "dashboard_url" {
  description = "The CloudWatch dashboard of this environment in the AWS console (bars written, data lag, failures, Lambda duration and errors, the Schwab token, the alarms)."
  value       = local.dashboard_url
}
