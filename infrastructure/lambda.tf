# Created before the function so Lambda never creates it first: a log group Lambda creates on the
# first invocation never expires (and then blocks this resource with "already exists").
resource "aws_cloudwatch_log_group" "this" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_days
}

data "aws_partition" "current" {}

resource "aws_lambda_function" "this" {
  function_name = local.function_name
  description   = "AlphaKite: 1-minute bars, SMA9 and session VWAP from Schwab into Postgres"
  role          = aws_iam_role.function.arn

  # Native AOT executable `bootstrap` at the root of the zip (custom runtime).
  runtime       = "provided.al2023"
  handler       = "bootstrap"
  architectures = [var.architecture]
  filename      = local.package_path
  # A new package redeploys. The zip may be absent when only destroying; plans that create or
  # update the function stop on the precondition below instead.
  source_code_hash = fileexists(local.package_path) ? filebase64sha256(local.package_path) : null

  memory_size                    = var.memory_size
  timeout                        = var.timeout_seconds
  reserved_concurrent_executions = var.reserved_concurrency

  # Names and switches only. The Schwab app key/secret and the database URL are SSM SecureString
  # parameters and the token a Secrets Manager secret or SSM parameter, read at run time with the role below.
  environment {
    # The token's store and name: local.token_environment (secrets.tf).
    variables = merge(local.token_environment, {
      ALPHAKITE_ENVIRONMENT      = var.environment
      ALPHAKITE_TICKERS          = join(",", local.tickers)
      ALPHAKITE_PARAMETER_PREFIX = local.parameter_prefix
      LOG_LEVEL                  = var.log_level
      # Not secret: the parameters' version numbers. The function reads the secrets once per cold
      # start, so a changed secret must change the configuration, which retires warm environments.
      ALPHAKITE_SECRETS_VERSION = join(",", [for name in sort(local.parameter_names) : aws_ssm_parameter.secret[name].version])
    })
  }

  # With a custom runtime, JSON format structures Lambda's own START/END/REPORT lines and passes the
  # handler's stdout through; lines that already are JSON objects are not re-encoded, so EMF lines
  # keep `_aws` at the root and CloudWatch still extracts the metrics. Lambda's level filter reads a
  # JSON line without a "level" key (every EMF line) as INFO, so a filter above INFO would drop the
  # metrics: keep Lambda at TRACE and let LOG_LEVEL filter inside the handler.
  # Only in the commercial `aws` partition: GovCloud (aws-us-gov) and China (aws-cn) were reported
  # to reject it. There Lambda keeps its plain-text format and its default group, which is the
  # same name as ours (/aws/lambda/<function>); EMF lines are JSON either way.
  dynamic "logging_config" {
    for_each = data.aws_partition.current.partition == "aws" ? [1] : []
    content {
      log_format            = "JSON"
      log_group             = aws_cloudwatch_log_group.this.name
      application_log_level = "TRACE"
      system_log_level      = "INFO"
    }
  }

  lifecycle {
    precondition {
      condition     = fileexists(local.package_path)
      error_message = "The Lambda package artifacts/lambda/alpha-kite-real-time-streamer.zip is missing: run ./deploy_lambda.sh (it builds the package, then plans)."
    }
  }

  depends_on = [
    aws_cloudwatch_log_group.this,
    aws_iam_role_policy.function,
  ]
}

# Scheduler invokes asynchronously, and Lambda would retry a failed run twice and keep the event
# for 6 hours. A minute-old run is worthless (the next one heals the gap), so neither happens.
resource "aws_lambda_function_event_invoke_config" "this" {
  function_name                = aws_lambda_function.this.function_name
  maximum_retry_attempts       = 0
  maximum_event_age_in_seconds = 60
}
