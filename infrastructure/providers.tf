provider "aws" {
  region = var.aws_region

  # Every resource carries these, so the bill and the console can be filtered by project.
  default_tags {
    tags = {
      Project     = "AlphaKite"
      Environment = var.environment
      ManagedBy   = "Terraform"
    }
  }
}
