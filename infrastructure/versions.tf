terraform {
  # Validation blocks that reference only their own variable work from 1.5 on.
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 6.x is the current major; a new major renames arguments, so upgrade on purpose.
      version = "~> 6.0"
    }
  }
}
