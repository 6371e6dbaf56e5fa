using System.Text.Json;

namespace AlphaKite.IntegrationTests.Infrastructure;

[Category("Integration")]
public class TerraformInputsTests
{
    private static readonly string[] SecretVariables = ["schwab_app_key", "schwab_secret", "database_url"];

    private TerraformConfiguration _tf = null!;
    private TerraformConfiguration _example = null!;

    [OneTimeSetUp]
    public void ParseConfiguration()
    {
        _tf = TerraformConfiguration.Load();
        _example = TerraformConfiguration.Load("terraform.tfvars.example");
    }

    [Test]
    public void Variables_TheIssuesList_AllDeclared()
    {
        _tf.Blocks("variable").Keys.Should().Contain(
            "aws_region", "environment", "default_ticker", "tickers", "schwab_app_key", "schwab_secret",
            "database_url", "alert_email", "memory_size", "timeout_seconds", "architecture",
            "log_retention_days", "reserved_concurrency", "log_level", "secret_recovery_window_days", "refresh_token_warning_hours", "token_store");
    }

    [Test]
    public void Variables_Every_HasTypeAndDescription()
    {
        foreach (var (name, variable) in _tf.Blocks("variable"))
        {
            variable.TryGetProperty("type", out _).Should().BeTrue($"variable {name} needs a type");
            variable.GetProperty("description").GetString().Should().NotBeNullOrWhiteSpace($"variable {name} needs a description");
        }
    }

    [Test]
    public void Variables_Secrets_SensitiveWithoutDefaultOrValidation()
    {
        var sensitive = _tf.Blocks("variable")
            .Where(v => v.Value.TryGetProperty("sensitive", out var s) && s.GetBoolean())
            .Select(v => v.Key);

        sensitive.Should().BeEquivalentTo(SecretVariables);
        foreach (var name in SecretVariables)
        {
            var variable = _tf.Blocks("variable")[name];
            variable.TryGetProperty("default", out _).Should().BeFalse($"{name} must be supplied, never defaulted");
            // Terraform 1.11 prints a variable's value when its validation fails, sensitive or not.
            variable.TryGetProperty("validation", out _).Should().BeFalse($"{name} is checked by a precondition that prints no value");
        }
    }

    [TestCase("aws_region")]
    [TestCase("environment")]
    [TestCase("default_ticker")]
    [TestCase("tickers")]
    [TestCase("alert_email")]
    [TestCase("architecture")]
    [TestCase("memory_size")]
    [TestCase("timeout_seconds")]
    [TestCase("log_retention_days")]
    [TestCase("reserved_concurrency")]
    [TestCase("log_level")]
    [TestCase("secret_recovery_window_days")]
    [TestCase("run_interval_minutes")]
    [TestCase("token_store")]
    public void Variables_Constrained_HaveValidation(string name)
    {
        _tf.Blocks("variable")[name].TryGetProperty("validation", out _).Should().BeTrue();
    }

    [Test]
    public void SecretChecks_PreconditionsOnTheParameters()
    {
        var preconditions = _tf.Resource("aws_ssm_parameter", "secret").GetProperty("lifecycle")[0].GetProperty("precondition")
            .EnumerateArray().Select(p => p.GetProperty("condition").GetString()!).ToList();

        preconditions.Should().Contain(c => c.Contains("REPLACE_ME", StringComparison.Ordinal));
        preconditions.Should().Contain(c => c.Contains("^postgres(ql)?://", StringComparison.Ordinal));
        preconditions.Should().Contain(c => c.Contains("supabase", StringComparison.Ordinal));
    }

    [Test]
    public void Outputs_Every_DescribedAndNotSensitive()
    {
        var outputs = _tf.Blocks("output");

        outputs.Keys.Should().Contain(
            "function_name", "function_arn", "log_group_name", "token_store", "token_secret_name", "token_parameter_name", "token_upload_command",
            "schedule_group_name", "schedule_names", "closeout_schedule_name", "alarm_names", "dashboard_url");
        foreach (var (name, output) in outputs)
        {
            output.GetProperty("description").GetString().Should().NotBeNullOrWhiteSpace(name);
            output.TryGetProperty("sensitive", out _).Should().BeFalse($"output {name} must hold nothing secret");
            var value = output.GetProperty("value").GetRawText();
            value.Should().NotContainAny(SecretVariables.Select(v => $"var.{v}"));
            value.Should().NotContain("local.parameter_values").And.NotContain(".value");
        }
    }

    [Test]
    public void Outputs_Every_ListedInTheInfrastructureGuide()
    {
        // The first column of the table under "### Outputs", up to the next heading.
        var section = File.ReadLines(RepositoryRoot.Combine("docs", "infrastructure.md"))
            .SkipWhile(line => line != "### Outputs").Skip(1)
            .TakeWhile(line => !line.StartsWith('#'))
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal));
        var listed = section.SelectMany(line => line.Split('|')[1].Split(',').Select(name => name.Trim().Trim('`'))).ToList();

        listed.Should().BeEquivalentTo(_tf.Blocks("output").Keys, "docs/infrastructure.md lists every output of outputs.tf, and no other");
    }

    [Test]
    public void UploadCommandOutput_TheGuidesCommandWithTheRealName()
    {
        var command = _tf.Blocks("output")["token_upload_command"].GetProperty("value").GetString();

        command.Should().Be("${local.token_upload_command}");
        _tf.Locals()["token_upload_command"].GetString().Should().Be(
            "${(local.token_in_ssm\n    ? \"aws ssm put-parameter --name ${one(aws_ssm_parameter.token[*].name)} --type SecureString --overwrite --value file://backend/config/schwab_token.json --region ${var.aws_region}\"\n"
            + "  : \"aws secretsmanager put-secret-value --secret-id ${one(aws_secretsmanager_secret.token[*].name)} --secret-string file://backend/config/schwab_token.json --region ${var.aws_region}\")}");
    }

    [Test]
    public void TfvarsExample_GuideAndImplementationVariables_AllDeclared()
    {
        var settings = Settings();

        settings.Keys.Should().Contain(
            "aws_region", "environment", "default_ticker", "schwab_app_key", "schwab_secret", "tickers", "database_url", "alert_email");
        settings.Keys.Should().BeSubsetOf(_tf.Blocks("variable").Keys, "terraform rejects undeclared variables");
        settings.Keys.Should().NotContain(["supabase_url", "supabase_key"]);
        File.ReadAllText(RepositoryRoot.Combine("terraform.tfvars.example")).Should().Contain("supabase_url").And.Contain("supabase_key");
    }

    [Test]
    public void TfvarsExample_Secrets_AreObviousPlaceholders()
    {
        var settings = Settings();

        settings["schwab_app_key"].GetString().Should().Be("REPLACE_ME");
        settings["schwab_secret"].GetString().Should().Be("REPLACE_ME");
        settings["database_url"].GetString().Should().Contain("REPLACE_ME").And.Contain(":6543/").And.StartWith("postgresql://");
    }

    private Dictionary<string, JsonElement> Settings() =>
        _example.File("terraform.tfvars.example").EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
}
