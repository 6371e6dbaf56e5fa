terraform {
  # Validation blocks that reference only their own variable work from 1.5 on.
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # Every argument used here exists in 5.100 and in 6.x (checked against both schemas), so a
      # machine with 5.100 already installed works and a fresh init gets the newest 6.x. A new
      # major renames arguments: admit 7.x only after checking it.
      version = ">= 5.100, < 7.0"
    }
  }
}
