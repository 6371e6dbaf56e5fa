using System.Text.Json;

namespace AlphaKite.IntegrationTests.Infrastructure;

// Expected values come from the Lambda's configuration contract and the deployment guide, not
// from the .tf files: the names users' commands and dashboards depend on.
[Category("Integration")]
public class TerraformConfigurationTests
{
    private const string FunctionName = "alpha-kite-real-time-streamer";

    private TerraformConfiguration _tf = null!;

    [OneTimeSetUp]
    public void ParseConfiguration() => _tf = TerraformConfiguration.Load();

    [Test]
    public void Files_ByRole_AreExactlyTheStyleGuideSet()
    {
        _tf.FileNames.Should().BeEquivalentTo(
            "versions.tf", "providers.tf", "variables.tf", "locals.tf", "lambda.tf", "iam.tf",
            "schedule.tf", "secrets.tf", "monitoring.tf", "outputs.tf");
        _tf.FilesDefining("resource", "aws_lambda_function").Should().Equal("lambda.tf");
        _tf.FilesDefining("resource", "aws_iam_role").Should().Equal("iam.tf");
        _tf.FilesDefining("resource", "aws_scheduler_schedule").Should().Equal("schedule.tf");
        _tf.FilesDefining("resource", "aws_secretsmanager_secret").Should().Equal("secrets.tf");
        _tf.FilesDefining("resource", "aws_cloudwatch_metric_alarm").Should().Equal("monitoring.tf");
        _tf.FilesDefining("resource", "aws_cloudwatch_dashboard").Should().Equal("monitoring.tf");
    }

    [Test]
    public void Versions_Pinned_TerraformAtLeast15AndAwsProvider5100UpToMajor6()
    {
        var terraform = _tf.File("versions.tf").GetProperty("terraform")[0];
        var aws = terraform.GetProperty("required_providers")[0].GetProperty("aws");

        terraform.GetProperty("required_version").GetString().Should().Be(">= 1.5.0");
        aws.GetProperty("source").GetString().Should().Be("hashicorp/aws");
        // 5.100 is what an offline mirror (and this project's tests) may hold; 7.x is unchecked.
        aws.GetProperty("version").GetString().Should().Be(">= 5.100, < 7.0");
        terraform.GetProperty("required_providers")[0].EnumerateObject().Select(p => p.Name).Should().Equal("aws");
    }

    [Test]
    public void Provider_DefaultTags_NameProjectEnvironmentManagedBy()
    {
        var provider = _tf.File("providers.tf").GetProperty("provider").GetProperty("aws")[0];
        var tags = provider.GetProperty("default_tags")[0].GetProperty("tags");

        provider.GetProperty("region").GetString().Should().Be("${var.aws_region}");
        tags.EnumerateObject().Select(t => t.Name).Should().BeEquivalentTo("Project", "Environment", "ManagedBy");
    }

    [Test]
    public void Function_Logging_JsonIntoExplicitGroupCreatedFirst()
    {
        var function = _tf.Resource("aws_lambda_function", "this");
        var group = _tf.Resource("aws_cloudwatch_log_group", "this");
        var dynamicLogging = function.GetProperty("dynamic").GetProperty("logging_config")[0];
        var logging = dynamicLogging.GetProperty("content")[0];

        _tf.Resolve(group.GetProperty("name").GetString()!).Should().Be($"/aws/lambda/{FunctionName}");
        group.GetProperty("retention_in_days").GetString().Should().Be("${var.log_retention_days}");
        _tf.Blocks("variable")["log_retention_days"].GetProperty("default").GetInt32().Should().Be(14);
        logging.GetProperty("log_format").GetString().Should().Be("JSON");
        logging.GetProperty("log_group").GetString().Should().Be("${aws_cloudwatch_log_group.this.name}");
        // EMF lines carry no "level" and count as INFO: a Lambda-side filter above INFO drops metrics.
        logging.GetProperty("application_log_level").GetString().Should().BeOneOf("TRACE", "DEBUG", "INFO");
        function.GetProperty("depends_on").EnumerateArray().Select(d => d.GetString())
            .Should().Contain("${aws_cloudwatch_log_group.this}");
        // GovCloud and China reject logging_config: set only in the commercial partition.
        dynamicLogging.GetProperty("for_each").GetString().Should().Be("${data.aws_partition.current.partition == \"aws\" ? [1] : []}");
    }

    [Test]
    public void AsyncInvoke_NoRetries_EventsExpireAfterAMinute()
    {
        var config = _tf.Resource("aws_lambda_function_event_invoke_config", "this");

        config.GetProperty("function_name").GetString().Should().Be("${aws_lambda_function.this.function_name}");
        config.GetProperty("maximum_retry_attempts").GetInt32().Should().Be(0);
        config.GetProperty("maximum_event_age_in_seconds").GetInt32().Should().Be(60);
    }

    [Test]
    public void Environment_Variables_ExactlyTheContractNames()
    {
        // merge(local.token_environment, { the rest }): the token's variables depend on token_store.
        var variables = _tf.Resource("aws_lambda_function", "this").GetProperty("environment")[0].GetProperty("variables").GetString()!;
        var token = _tf.Locals()["token_environment"].GetString()!;
        var branches = token.Split(" : tomap(", 2);

        variables.Should().StartWith("${merge(local.token_environment, {");
        Names(variables).Should().BeEquivalentTo(
            "ALPHAKITE_ENVIRONMENT", "ALPHAKITE_TICKERS", "ALPHAKITE_PARAMETER_PREFIX", "LOG_LEVEL", "ALPHAKITE_SECRETS_VERSION");
        token.Should().StartWith("${local.token_in_ssm ? tomap(");
        Names(branches[0]).Should().BeEquivalentTo("ALPHAKITE_TOKEN_STORE", "ALPHAKITE_TOKEN_PARAMETER");
        branches[0].Should().Contain("ALPHAKITE_TOKEN_STORE     = \"ssm\"").And.Contain("one(aws_ssm_parameter.token[*].name)");
        Names(branches[1]).Should().Equal("ALPHAKITE_TOKEN_SECRET_ID");
        branches[1].Should().Contain("one(aws_secretsmanager_secret.token[*].name)");
        _tf.Resolve("${local.token_in_ssm}").Should().Be("${var.token_store == \"ssm\"}");
        _tf.Blocks("variable")["token_store"].GetProperty("default").GetString().Should().Be("secretsmanager");
        _tf.Resolve(_tf.Resource("aws_secretsmanager_secret", "token").GetProperty("name").GetString()!).Should().Be("schwab-api-token-prod");
        _tf.Resolve(_tf.Resource("aws_ssm_parameter", "token").GetProperty("name").GetString()!).Should().Be("/alpha-kite/prod/schwab-token");
        variables.Should().Contain("aws_ssm_parameter.secret[name].version").And.NotContain(".value");

        static IEnumerable<string> Names(string block) =>
            System.Text.RegularExpressions.Regex.Matches(block, @"^\s*([A-Z_]+)\s*=", System.Text.RegularExpressions.RegexOptions.Multiline).Select(m => m.Groups[1].Value);
    }

    [Test]
    public void Environment_Values_ReferenceNothingSensitive()
    {
        var tainted = SensitiveReferences();
        var variables = _tf.Resource("aws_lambda_function", "this").GetProperty("environment")[0].GetProperty("variables").GetString()!;

        foreach (var value in new[] { variables, _tf.Locals()["token_environment"].GetString()! })
        {
            // A parameter's version number is public metadata (it restarts the function on a change).
            var withoutVersions = System.Text.RegularExpressions.Regex.Replace(value, @"aws_ssm_parameter\.secret\[[a-z]+\]\.version", "");
            withoutVersions.Should().NotContainAny(tainted, "the function's environment must not carry a secret");
            withoutVersions.Should().NotContain(".value", "the token parameter's value is the token");
        }

        tainted.Should().Contain(["var.schwab_app_key", "var.schwab_secret", "var.database_url", "local.parameter_values"]);
    }

    [Test]
    public void Secret_Token_NoVersionManagedByTerraform()
    {
        var secret = _tf.Resource("aws_secretsmanager_secret", "token");

        secret.GetProperty("recovery_window_in_days").GetString().Should().Be("${var.secret_recovery_window_days}");
        _tf.Blocks("variable")["secret_recovery_window_days"].GetProperty("default").GetInt32().Should().Be(7);
        _tf.Blocks("resource", "aws_secretsmanager_secret_version").Should().BeEmpty();
        secret.GetProperty("count").GetString().Should().Be("${local.token_in_ssm ? 0 : 1}");
    }

    [Test]
    public void TokenParameter_OnlyWithSsm_PlaceholderThatTerraformNeverRewrites()
    {
        var parameter = _tf.Resource("aws_ssm_parameter", "token");

        parameter.GetProperty("count").GetString().Should().Be("${local.token_in_ssm ? 1 : 0}");
        (parameter.GetProperty("type").GetString(), parameter.GetProperty("tier").GetString()).Should().Be(("SecureString", "Standard"));
        parameter.TryGetProperty("key_id", out _).Should().BeFalse("encrypted with aws/ssm, like the other parameters");
        parameter.GetProperty("value").GetString().Should().Be("${local.token_placeholder}");
        _tf.Locals()["token_placeholder"].GetString().Should().Be(AlphaKite.Aws.Secrets.SsmTokenStore.Placeholder, "the function reads it as \"no token yet\"");
        parameter.GetProperty("lifecycle")[0].GetProperty("ignore_changes").EnumerateArray().Select(e => e.GetString()).Should().Equal("${value}");
        var validation = _tf.Blocks("variable")["token_store"].GetProperty("validation")[0];
        validation.GetProperty("condition").GetString().Should().Be("${contains([\"secretsmanager\", \"ssm\"], var.token_store)}");
    }

    [Test]
    public void Parameters_ThreeSecureStringsUnderThePrefix()
    {
        var parameter = _tf.Resource("aws_ssm_parameter", "secret");
        var names = _tf.Locals()["parameter_names"].GetString();

        parameter.GetProperty("type").GetString().Should().Be("SecureString");
        parameter.GetProperty("tier").GetString().Should().Be("Standard");
        parameter.GetProperty("for_each").GetString().Should().Be("${local.parameter_names}");
        _tf.Resolve(parameter.GetProperty("name").GetString()!).Should().Be("/alpha-kite/prod/${each.key}");
        names.Should().Be("${toset([\"schwab-app-key\", \"schwab-app-secret\", \"database-url\"])}");
    }

    [Test]
    public void FunctionPolicy_ExactActionsOnExactResources()
    {
        var statements = Statements("function");

        statements.Should().BeEquivalentTo(new[]
        {
            (Actions: new[] { "logs:CreateLogStream", "logs:PutLogEvents" }, Resources: new[] { "${aws_cloudwatch_log_group.this.arn}:*" }),
            (Actions: new[] { "${(local.token_in_ssm\n      ? [\"ssm:GetParameter\", \"ssm:PutParameter\"]\n    : [\"secretsmanager:GetSecretValue\", \"secretsmanager:PutSecretValue\"])}" },
                Resources: new[] { "${local.token_arn}" }),
            (Actions: new[] { "ssm:GetParameters" }, Resources: new[] { "${[for name in sort(tolist(local.parameter_names)) : aws_ssm_parameter.secret[name].arn]}" }),
        });
    }

    [Test]
    public void Policies_Resources_NoWildcardBeyondOwnLogStreams()
    {
        foreach (var name in new[] { "function", "scheduler" })
        {
            foreach (var resource in Statements(name).SelectMany(s => s.Resources))
            {
                var withoutStreamSuffix = resource.Replace("${aws_cloudwatch_log_group.this.arn}:*", "", StringComparison.Ordinal);
                withoutStreamSuffix.Should().NotContain("*", $"policy {name} must name exact ARNs");
                resource.Should().StartWith("${", "resources must come from the resources this configuration creates");
            }
        }
    }

    [Test]
    public void SchedulerRole_AssumedByScheduler_ForThisAccountOnly_InvokesOnlyTheFunction()
    {
        var trust = _tf.Blocks("data", "aws_iam_policy_document")["scheduler_assume"].GetProperty("statement")[0];
        var condition = trust.GetProperty("condition")[0];

        trust.GetProperty("principals")[0].GetProperty("identifiers")[0].GetString().Should().Be("scheduler.amazonaws.com");
        condition.GetProperty("variable").GetString().Should().Be("aws:SourceAccount");
        condition.GetProperty("values")[0].GetString().Should().Be("${data.aws_caller_identity.current.account_id}");
        Statements("scheduler").Should().BeEquivalentTo(new[]
        {
            (Actions: new[] { "lambda:InvokeFunction" }, Resources: new[] { "${aws_lambda_function.this.arn}" }),
        });
    }

    [Test]
    public void Alarms_QuietOutsideTheSession_NotifyTheOptionalTopic()
    {
        var alarms = _tf.Blocks("resource", "aws_cloudwatch_metric_alarm");

        alarms.Should().HaveCountGreaterThanOrEqualTo(4);
        foreach (var (name, alarm) in alarms)
        {
            alarm.GetProperty("treat_missing_data").GetString().Should().Be("notBreaching", name);
            alarm.GetProperty("alarm_actions").GetString().Should().Be("${local.alarm_actions}", name);
        }

        _tf.Resource("aws_cloudwatch_metric_alarm", "errors").GetProperty("dimensions").GetProperty("FunctionName").GetString()
            .Should().Be("${aws_lambda_function.this.function_name}");
        _tf.Resource("aws_sns_topic", "alerts").GetProperty("count").GetString().Should().Be("${var.alert_email == null ? 0 : 1}");
        _tf.Resource("aws_sns_topic_subscription", "email").GetProperty("count").GetString().Should().Be("${var.alert_email == null ? 0 : 1}");
        _tf.Resource("aws_sns_topic_subscription", "email").GetProperty("protocol").GetString().Should().Be("email");
    }

    private HashSet<string> SensitiveReferences()
    {
        var tainted = _tf.Blocks("variable")
            .Where(v => v.Value.TryGetProperty("sensitive", out var s) && s.GetBoolean())
            .Select(v => $"var.{v.Key}")
            .ToHashSet(StringComparer.Ordinal);
        var locals = _tf.Locals();
        // A local derived from a sensitive value is sensitive too; repeat until nothing new appears.
        for (var added = true; added;)
        {
            added = false;
            foreach (var (name, value) in locals)
            {
                if (!tainted.Contains($"local.{name}") && tainted.Any(t => value.GetRawText().Contains(t, StringComparison.Ordinal)))
                {
                    added = tainted.Add($"local.{name}");
                }
            }
        }

        tainted.Add("aws_ssm_parameter.secret");
        return tainted;
    }

    private List<(string[] Actions, string[] Resources)> Statements(string document) =>
        _tf.Blocks("data", "aws_iam_policy_document")[document].GetProperty("statement").EnumerateArray()
            .Select(s => (
                Actions: ReadResources(s.GetProperty("actions")),
                Resources: ReadResources(s.GetProperty("resources"))))
            .ToList();

    private static string[] ReadResources(JsonElement resources) =>
        resources.ValueKind == JsonValueKind.Array
            ? resources.EnumerateArray().Select(r => r.GetString()!).ToArray()
            : [resources.GetString()!];
}
