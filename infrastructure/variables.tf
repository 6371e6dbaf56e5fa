# Inputs. Values come from infrastructure/terraform.tfvars (copied from ../terraform.tfvars.example).

variable "aws_region" {
  type        = string
  description = "AWS region to deploy into, e.g. us-east-1. GovCloud (us-gov-*) and China (cn-*) work with their own credentials; there the function logs plain text (no logging_config) - see docs/infrastructure.md."
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$", var.aws_region))
    error_message = "aws_region must be a region code such as us-east-1 or eu-west-2 (GovCloud us-gov-west-1 and China cn-north-1 work too, with plain-text Lambda logs)."
  }
}

variable "environment" {
  type        = string
  description = "Environment name. prod keeps the guide's names; any other environment adds -<environment> to the function, log group, alarms and policies so both coexist in one account (see local.names)."
  default     = "prod"

  validation {
    condition     = can(regex("^[a-z0-9-]{1,16}$", var.environment))
    error_message = "environment must be 1-16 characters of a-z, 0-9 and '-'."
  }
}

variable "default_ticker" {
  type        = string
  description = "The ticker every run fetches (the deployment guide's single ticker). Always watched, first."
  default     = "QQQ"

  validation {
    condition     = can(regex("^\\$?[A-Z0-9][A-Z0-9./-]{0,11}$", var.default_ticker))
    error_message = "default_ticker must be an upper-case symbol such as QQQ or BRK.B."
  }
}

variable "tickers" {
  type        = list(string)
  description = "Additional tickers to watch besides default_ticker, e.g. [\"SPY\", \"AAPL\"]. Each costs one Schwab request per minute."
  default     = []

  validation {
    condition     = alltrue([for t in var.tickers : can(regex("^\\$?[A-Z0-9][A-Z0-9./-]{0,11}$", t))])
    error_message = "Every ticker must be an upper-case symbol such as SPY or BRK.B."
  }

  validation {
    # Schwab allows about 120 requests per minute per app; leave room for token refreshes and the CLI.
    condition     = length(var.tickers) <= 49
    error_message = "At most 49 additional tickers (50 with default_ticker, the function's limit): each one is a Schwab request every minute (limit ~120/min)."
  }
}

# The three secrets have no validation blocks on purpose: Terraform prints the value of a variable
# that fails validation, sensitive or not (seen with 1.11). They are checked by preconditions on
# aws_ssm_parameter.secret (secrets.tf), whose failures print no value.
variable "schwab_app_key" {
  type        = string
  description = "Schwab developer app key (App Key on developer.schwab.com -> Dashboard -> your app). Stored as an SSM SecureString."
  sensitive   = true
}

variable "schwab_secret" {
  type        = string
  description = "Schwab developer app secret (Secret on developer.schwab.com -> Dashboard -> your app). Stored as an SSM SecureString."
  sensitive   = true
}

variable "database_url" {
  type        = string
  description = "Postgres URI of the Supabase transaction pooler (Dashboard -> Connect -> Transaction pooler, port 6543). Stored as an SSM SecureString."
  sensitive   = true
}

variable "alert_email" {
  type        = string
  description = "Email address that receives alarm notifications (confirm the subscription email AWS sends). null = no notifications."
  default     = null
  nullable    = true

  validation {
    condition     = var.alert_email == null || can(regex("^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$", var.alert_email))
    error_message = "alert_email must look like name@example.com, or be null to send no notifications."
  }
}

variable "architecture" {
  type        = string
  description = "Lambda CPU architecture: x86_64 or arm64 (arm64 is 20% cheaper per GB-s; the script then publishes linux-arm64)."
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture must be x86_64 or arm64."
  }
}

variable "memory_size" {
  type        = number
  description = "Lambda memory in MB (CPU scales with it)."
  default     = 128

  validation {
    condition     = var.memory_size >= 128 && var.memory_size <= 10240 && floor(var.memory_size) == var.memory_size
    error_message = "memory_size must be a whole number of MB between 128 and 10240."
  }
}

variable "timeout_seconds" {
  type        = number
  description = "Lambda timeout in seconds. A run longer than a minute would overlap the next scheduled run."
  default     = 30

  validation {
    condition     = var.timeout_seconds >= 1 && var.timeout_seconds <= 60 && floor(var.timeout_seconds) == var.timeout_seconds
    error_message = "timeout_seconds must be a whole number between 1 and 60 (the schedule fires every minute)."
  }
}

variable "reserved_concurrency" {
  type        = number
  description = "Reserved concurrent executions. null (the default) = none: a new account's concurrency limit is 10, and AWS refuses any reservation there. Overlapping runs are safe (idempotent upserts); 1 serializes runs on accounts with room."
  default     = null
  nullable    = true

  validation {
    # 0 would throttle every invocation, i.e. silently switch the streamer off.
    condition     = try(var.reserved_concurrency >= 1 && floor(var.reserved_concurrency) == var.reserved_concurrency, var.reserved_concurrency == null)
    error_message = "reserved_concurrency must be a whole number >= 1, or null to reserve none (0 would stop every run)."
  }
}

variable "log_retention_days" {
  type        = number
  description = "Days CloudWatch keeps the function's logs."
  default     = 14

  validation {
    # CloudWatch's allowed values, without 0 (never expire): logs would grow and cost forever.
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of CloudWatch's values: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "log_level" {
  type        = string
  description = "Minimum level the handler logs (LOG_LEVEL): Trace, Debug, Information, Warning, Error or Critical."
  default     = "Information"

  validation {
    condition     = contains(["Trace", "Debug", "Information", "Warning", "Error", "Critical"], var.log_level)
    error_message = "log_level must be one of Trace, Debug, Information, Warning, Error, Critical."
  }
}

variable "secret_recovery_window_days" {
  type        = number
  description = "Days a destroyed token secret can still be restored (7-30), or 0 to delete it immediately."
  default     = 7

  validation {
    condition     = var.secret_recovery_window_days == 0 || (var.secret_recovery_window_days >= 7 && var.secret_recovery_window_days <= 30)
    error_message = "secret_recovery_window_days must be 0 (delete immediately) or between 7 and 30."
  }
}

variable "data_lag_threshold_seconds" {
  type        = number
  description = "The data-lag alarm fires when the newest stored bar is older than this many seconds for 10 minutes."
  default     = 180

  validation {
    condition     = var.data_lag_threshold_seconds >= 60
    error_message = "data_lag_threshold_seconds must be at least 60: a bar is final only a minute after it starts."
  }
}

variable "refresh_token_warning_hours" {
  type        = number
  description = "Alarm when the Schwab refresh token (7 days from the login) has fewer hours left. 72 leaves a trading day to log in even across a long weekend; 24 can fall entirely on a weekend."
  default     = 72

  validation {
    condition     = var.refresh_token_warning_hours >= 1 && var.refresh_token_warning_hours < 168
    error_message = "refresh_token_warning_hours must be from 1 to 167 (the refresh token lives 168 hours)."
  }
}

variable "run_interval_minutes" {
  type        = number
  description = "Minutes between runs in the session: 1 (09:31-16:00, one run per completed bar) or 5 (09:35, 09:40, ... 16:00: five times fewer runs; each stores every bar completed since the last, so bars arrive up to 5 minutes later). The close-out run at 16:10 is the same for both."
  default     = 1

  validation {
    condition     = contains([1, 5], var.run_interval_minutes)
    error_message = "run_interval_minutes must be 1 (every completed bar) or 5 (every five minutes)."
  }
}

variable "token_store" {
  type        = string
  description = "Where the Schwab token file lives: secretsmanager (the guide's secret schwab-api-token-<environment>, $0.40/month) or ssm (the SecureString parameter <parameter prefix>schwab-token, standard tier, free; no rotation, resource policy, cross-account sharing or recovery window). See docs/deployment.md."
  default     = "secretsmanager"

  validation {
    condition     = contains(["secretsmanager", "ssm"], var.token_store)
    error_message = "token_store must be secretsmanager (the default, as in the deployment guide) or ssm (SSM Parameter Store SecureString)."
  }
}
