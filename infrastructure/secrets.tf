# The schwab-py token file. Terraform creates only the container: the value is uploaded once by a
# person (see the token_upload_command output) and then rewritten by the function on every token
# refresh, so a secret version managed here would be overwritten, or would overwrite a live token.
resource "aws_secretsmanager_secret" "token" {
  name                    = local.token_secret
  description             = "schwab-py token file for AlphaKite (${var.environment}); written by the streamer on refresh"
  recovery_window_in_days = var.secret_recovery_window_days
}

# App key, app secret and database URL: standard-tier SecureString parameters cost nothing (a second
# and third secret in Secrets Manager would cost $0.40/month each). Their values are in the
# Terraform state, which therefore stays local and git-ignored.
resource "aws_ssm_parameter" "secret" {
  for_each = local.parameter_names

  name        = "${local.parameter_prefix}${each.key}"
  description = "AlphaKite ${each.key} (${var.environment})"
  type        = "SecureString"
  tier        = "Standard"
  value       = local.parameter_values[each.key]

  # The checks of the secret variables live here rather than in validation blocks, because a failed
  # precondition does not print the value (see variables.tf).
  lifecycle {
    precondition {
      condition     = length(trimspace(local.parameter_values[each.key])) > 0 && !can(regex("REPLACE_ME", local.parameter_values[each.key]))
      error_message = "The ${each.key} value in infrastructure/terraform.tfvars is empty or still a REPLACE_ME placeholder."
    }
    precondition {
      condition     = each.key != "database-url" || can(regex("^postgres(ql)?://", local.parameter_values[each.key]))
      error_message = "database_url must start with postgres:// or postgresql:// (Supabase -> Connect -> Transaction pooler URI)."
    }
    precondition {
      # db.<ref>.supabase.co resolves to IPv6 only; a Lambda outside a VPC has IPv4 egress only.
      condition     = each.key != "database-url" || !can(regex("@db\\.[a-z0-9]+\\.supabase\\.co", local.parameter_values[each.key]))
      error_message = "database_url uses the direct host db.<ref>.supabase.co, which Lambda cannot reach (IPv6 only): use the Transaction pooler URI (aws-0-<region>.pooler.supabase.com, port 6543)."
    }
  }
}
