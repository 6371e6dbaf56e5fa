data "aws_caller_identity" "current" {}

# --- The function's role: its own log group, its token (secret or parameter), its three parameters. Nothing else.

data "aws_iam_policy_document" "function_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "function" {
  name               = local.names.function_role
  description        = "Runs ${local.function_name}"
  assume_role_policy = data.aws_iam_policy_document.function_assume.json
}

data "aws_iam_policy_document" "function" {
  statement {
    sid = "WriteOwnLogs"
    # No logs:CreateLogGroup: Terraform owns the group. EMF metrics need nothing beyond these two.
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this.arn}:*"]
  }

  statement {
    sid = "ReadAndRotateSchwabToken"
    # The chosen token store only (var.token_store), on the one secret or parameter that exists.
    # Put: the handler stores the refreshed token (only when it actually refreshed). The parameter
    # is encrypted with aws/ssm, whose key policy already allows it through SSM (as below).
    actions = (local.token_in_ssm
      ? ["ssm:GetParameter", "ssm:PutParameter"]
    : ["secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue"])
    resources = [local.token_arn]
  }

  statement {
    sid = "ReadConfigurationSecrets"
    # Decryption uses the AWS managed key aws/ssm, whose key policy already allows it through SSM.
    actions   = ["ssm:GetParameters"]
    resources = [for name in sort(tolist(local.parameter_names)) : aws_ssm_parameter.secret[name].arn]
  }
}

resource "aws_iam_role_policy" "function" {
  name   = local.names.function_policy
  role   = aws_iam_role.function.id
  policy = data.aws_iam_policy_document.function.json
}

# --- The scheduler's role: invoke this one function, only for schedules of this account.

data "aws_iam_policy_document" "scheduler_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }
    # Confused-deputy guard: only Scheduler acting for this account may assume the role.
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "scheduler" {
  name               = local.names.scheduler_role
  description        = "Lets EventBridge Scheduler invoke ${local.function_name}"
  assume_role_policy = data.aws_iam_policy_document.scheduler_assume.json
}

data "aws_iam_policy_document" "scheduler" {
  statement {
    sid       = "InvokeStreamer"
    actions   = ["lambda:InvokeFunction"]
    resources = [aws_lambda_function.this.arn]
  }
}

resource "aws_iam_role_policy" "scheduler" {
  name   = local.names.scheduler_policy
  role   = aws_iam_role.scheduler.id
  policy = data.aws_iam_policy_document.scheduler.json
}
