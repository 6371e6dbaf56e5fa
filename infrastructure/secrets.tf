# Where the schwab-py token file lives (var.token_store): exactly one of the two resources below
# exists. Either way a person uploads the value once (the token_upload_command output) and the
# function rewrites it on every token refresh, so Terraform never manages the token itself.
locals {
  token_in_ssm    = var.token_store == "ssm"
  token_parameter = "${local.parameter_prefix}schwab-token"
  # What the parameter holds until the first upload: SSM refuses an empty value. The function reads
  # exactly this text as "no token uploaded yet" (SsmTokenStore.Placeholder) and names the upload
  # command; change both together.
  token_placeholder = "NO_TOKEN_UPLOADED_YET"

  # The one token resource that exists (only the chosen branch of a conditional is evaluated).
  token_arn = local.token_in_ssm ? aws_ssm_parameter.token[0].arn : aws_secretsmanager_secret.token[0].arn

  # The function's token variables (the contract in docs/infrastructure.md). With secretsmanager the
  # same single variable as before the choice existed, so an existing function sees no change.
  token_environment = local.token_in_ssm ? tomap({
    ALPHAKITE_TOKEN_STORE     = "ssm"
    ALPHAKITE_TOKEN_PARAMETER = one(aws_ssm_parameter.token[*].name)
    }) : tomap({
    ALPHAKITE_TOKEN_SECRET_ID = one(aws_secretsmanager_secret.token[*].name)
  })

  token_upload_command = (local.token_in_ssm
    ? "aws ssm put-parameter --name ${one(aws_ssm_parameter.token[*].name)} --type SecureString --overwrite --value file://backend/config/schwab_token.json --region ${var.aws_region}"
  : "aws secretsmanager put-secret-value --secret-id ${one(aws_secretsmanager_secret.token[*].name)} --secret-string file://backend/config/schwab_token.json --region ${var.aws_region}")
}

# token_store = "secretsmanager" (the guide's choice): Terraform creates only the container. A
# secret version managed here would be overwritten, or would overwrite a live token.
resource "aws_secretsmanager_secret" "token" {
  count = local.token_in_ssm ? 0 : 1

  name                    = local.token_secret
  description             = "schwab-py token file for AlphaKite (${var.environment}); written by the streamer on refresh"
  recovery_window_in_days = var.secret_recovery_window_days
}

# The secret had no count before token_store existed: a stack applied then keeps its secret (and
# its token) instead of Terraform destroying it and creating token[0].
moved {
  from = aws_secretsmanager_secret.token
  to   = aws_secretsmanager_secret.token[0]
}

# token_store = "ssm": a standard-tier SecureString (free; encrypted with the AWS managed key
# aws/ssm like the three parameters below). Terraform writes only the placeholder, once, at
# creation; ignore_changes keeps it from ever putting the placeholder back over the live token the
# function writes on every refresh. Not value_wo (write-only, never in state): it needs Terraform
# 1.11, and this configuration supports 1.5. The price: a refresh reads the decrypted token into
# the local state, which already holds the app secret and the database URL (keep it local and
# git-ignored; see docs/infrastructure.md).
resource "aws_ssm_parameter" "token" {
  count = local.token_in_ssm ? 1 : 0

  name        = local.token_parameter
  description = "schwab-py token file for AlphaKite (${var.environment}); written by the streamer on refresh"
  type        = "SecureString"
  tier        = "Standard"
  value       = local.token_placeholder

  lifecycle {
    ignore_changes = [value]
  }
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
