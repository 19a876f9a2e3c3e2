# TFLint configuration used by the `terraform` job of .github/workflows/ci.yml.
# The terraform ruleset ships with TFLint; the google ruleset catches invalid
# machine types, regions and similar values before `terraform apply` does.
plugin "terraform" {
  enabled = true
  preset  = "recommended"
}

plugin "google" {
  enabled = true
  version = "0.38.0"
  source  = "github.com/terraform-linters/tflint-ruleset-google"
}
